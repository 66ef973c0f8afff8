import type { Aggregate } from '../shared/command-spec.js';
import type { LaboratoryEvent, LaboratoryEventNamed } from './events.js';

export type Section = LaboratoryEventNamed<'LabTestDefined'>['data']['section'];
export type SpecimenType = LaboratoryEventNamed<'LabTestDefined'>['data']['specimenType'];
export type ResultKind = LaboratoryEventNamed<'LabTestDefined'>['data']['resultKind'];
export type Priority = LaboratoryEventNamed<'LabTestOrdered'>['data']['priority'];
export type ReferenceRange = LaboratoryEventNamed<'LabReferenceRangesSet'>['data']['ranges'][number];

export interface CodedValue {
  readonly code: string;
  readonly display: string;
  readonly abnormal: boolean;
}

export interface TestDefinition {
  readonly testCode: string;
  readonly name: string;
  readonly section: Section;
  readonly specimenType: SpecimenType;
  readonly resultKind: ResultKind;
  readonly unit: string | null;
  readonly codedValues: readonly CodedValue[];
  readonly turnaroundMinutes: Readonly<Record<Priority, number | null>>;
}

/** A test in the hospital's catalogue, and the reference ranges in force (the latest version set). */
export interface LabTestState {
  readonly definition: TestDefinition | null;
  readonly rangesVersion: number;
  readonly ranges: readonly ReferenceRange[];
}

function evolveTest(state: LabTestState, event: LaboratoryEvent): LabTestState {
  switch (event.type) {
    case 'LabTestDefined': {
      const d = event.data;
      return {
        ...state,
        definition: {
          testCode: d.testCode,
          name: d.name,
          section: d.section,
          specimenType: d.specimenType,
          resultKind: d.resultKind,
          unit: d.unit ?? null,
          codedValues: d.codedValues ?? [],
          turnaroundMinutes: {
            stat: d.turnaroundStatMinutes ?? null,
            asap: d.turnaroundAsapMinutes ?? null,
            urgent: d.turnaroundUrgentMinutes ?? null,
            routine: d.turnaroundRoutineMinutes ?? null,
          },
        },
      };
    }
    case 'LabReferenceRangesSet':
      return { ...state, rangesVersion: event.data.rangesVersion, ranges: event.data.ranges };
    default:
      return state;
  }
}

/** `labTest-<hospitalId>.<LOINC code>`: one catalogue entry. */
export const labTestAggregate: Aggregate<LabTestState, LaboratoryEvent> = {
  name: 'labTest',
  initialState: { definition: null, rangesVersion: 0, ranges: [] },
  evolve: evolveTest,
};

export interface LabPanelState {
  readonly defined: boolean;
  readonly name: string | null;
  readonly testCodes: readonly string[];
}

/** `labPanel-<hospitalId>.<panel code>`: a group of tests ordered together on one specimen. */
export const labPanelAggregate: Aggregate<LabPanelState, LaboratoryEvent> = {
  name: 'labPanel',
  initialState: { defined: false, name: null, testCodes: [] },
  evolve: (state, event) =>
    event.type === 'LabPanelDefined'
      ? { defined: true, name: event.data.name, testCodes: event.data.testCodes }
      : state,
};
