import { z } from 'zod';
import { defineCommand, type TypedStreamRef } from '../shared/define-command.js';
import {
  type CompleteHospitalMove,
  decideCompleteMove,
  decideStartMove,
  PLACEMENT_ID,
  PLACEMENT_SCOPE,
  type PlacementState,
  placementAggregate,
  type StartHospitalMove,
} from './placement.js';

/** The platform-wide placement stream, `placement-platform.kafka`, whichever hospital the command names. */
export const placementStream = (): TypedStreamRef<PlacementState> => ({
  aggregate: placementAggregate,
  id: PLACEMENT_ID,
  scope: PLACEMENT_SCOPE,
});

export const startHospitalMove = defineCommand({
  module: 'hospitals',
  name: 'start-hospital-move',
  summary:
    'Start moving the hospital in the URL to another Kafka partition (platform administrators). The relay holds its events until every consumer group has passed its last event on the old partition, then completes the move.',
  roles: ['platform_admin'],
  body: z.strictObject({
    toPartition: z.number().int().min(0).max(9_999).describe('The partition its events go to once moved.'),
    reason: z.string().trim().min(1).max(500).describe('Why, in operational words (never patient data).'),
  }),
  toCommand: (body, ctx): StartHospitalMove => ({
    type: 'StartHospitalMove',
    hospitalId: ctx.hospitalId,
    toPartition: body.toPartition,
    partitions: ctx.kafkaPartitions,
    reason: body.reason,
    at: ctx.now,
  }),
  streams: () => ({ placement: placementStream() }),
  decide: (c, loaded) => ({ placement: decideStartMove(c, loaded.placement.state) }),
});

/**
 * Sent by the relay alone, once the hospital's old partition has drained (not an HTTP route: an
 * administrator completing a move by hand could break the hospital's event order).
 */
export const completeHospitalMove = defineCommand({
  module: 'hospitals',
  name: 'complete-hospital-move',
  summary: 'Record that the relay switched the hospital to its new partition (the relay only).',
  roles: ['platform_admin'],
  body: z.strictObject({
    placementVersion: z.number().int().min(1).describe('The version the move in progress leads to.'),
  }),
  toCommand: (body, ctx): CompleteHospitalMove => ({
    type: 'CompleteHospitalMove',
    hospitalId: ctx.hospitalId,
    placementVersion: body.placementVersion,
    at: ctx.now,
  }),
  streams: () => ({ placement: placementStream() }),
  decide: (c, loaded) => ({ placement: decideCompleteMove(c, loaded.placement.state) }),
});
