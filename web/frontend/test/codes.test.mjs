import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as codes from '../src/codes.js';

// The Java vocabulary, read from its source: NAME(code, httpStatus, fatal, "description").
const java = readFileSync(new URL('../../../protocol/src/main/java/io/verso/protocol/ErrorCode.java', import.meta.url), 'utf8');
const errorCodes = new Map([...java.matchAll(/^\s*([A-Z_]+)\((\d+), (\d+), (?:true|false),/gm)]
  .map((m) => [m[1], { code: Number(m[2]), httpStatus: Number(m[3]) }]));
const { NO_REPLY, ...named } = codes;

test('every failure code the app names is ErrorCode\'s, under the same name', () => {
  assert.ok(errorCodes.size >= 10, 'ErrorCode.java was read');
  for (const [name, code] of Object.entries(named)) {
    assert.equal(errorCodes.get(name)?.code, code, name);
  }
});

test('every code that reaches a client (not the internal ones between services) has its name here', () => {
  const reaching = [...errorCodes].filter(([, c]) => c.code === c.httpStatus).map(([name]) => name).sort();
  assert.deepEqual(Object.keys(named).sort(), reaching);
});

test('the connection\'s own code for no answer is none of the server\'s', () => {
  assert.equal(NO_REPLY, -1);
  assert.ok(![...errorCodes.values()].some((c) => c.code === NO_REPLY));
});
