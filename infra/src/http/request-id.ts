import type { RequestHandler } from 'express';
import { uuidv7 } from '../ids/uuid-v7.js';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Echoes a well-formed `X-Request-Id` (or makes one) so logs and answers can be matched. */
export const requestId: RequestHandler = (req, res, next) => {
  const given = req.header('x-request-id');
  const id = given && SAFE_ID.test(given) ? given : uuidv7();
  res.locals['requestId'] = id;
  res.setHeader('X-Request-Id', id);
  next();
};
