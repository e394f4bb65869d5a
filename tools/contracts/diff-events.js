#!/usr/bin/env node
// Compares two AsyncAPI 3 documents of one contract artifact (docs/adr/0031) with @asyncapi/diff and
// prints its changes as JSON: {"breaking": [...], "nonBreaking": [...], "unclassified": [...]}, each
// change {action: add|remove|edit, path, before?, after?}.
//
//   node diff-events.js <baseline.json> <current.json>
//
// @asyncapi/diff's standard classifies a message payload only as a whole; the override below
// extends it into the payload's JSON schema, as the tool's `override` option is meant for:
// a new property is non-breaking (a consumer ignores what it does not know), while a removed or
// retyped property, and any change to `required` (a new required field, or one that may now be
// missing), is breaking; titles and descriptions are non-breaking.
'use strict';
const fs = require('fs');
const { diff } = require('@asyncapi/diff');

const breaking = { add: 'breaking', remove: 'breaking', edit: 'breaking' };
const nonBreaking = { add: 'non-breaking', remove: 'non-breaking', edit: 'non-breaking' };

function schemaRules(schema, depth, rules) {
  rules[schema] = breaking;
  rules[`${schema}/*`] = breaking;
  rules[`${schema}/title`] = nonBreaking;
  rules[`${schema}/description`] = nonBreaking;
  rules[`${schema}/required`] = breaking;
  rules[`${schema}/required/*`] = breaking;
  rules[`${schema}/properties`] = { add: 'non-breaking', remove: 'breaking', edit: 'breaking' };
  if (depth > 0) {
    schemaRules(`${schema}/properties/*`, depth - 1, rules);
    schemaRules(`${schema}/items`, depth - 1, rules);
  }
  // a new property (the whole schema of it) is non-breaking; whether it is required is judged above
  rules[`${schema}/properties/*`] = { add: 'non-breaking', remove: 'breaking', edit: 'breaking' };
  return rules;
}

const [baselineFile, currentFile] = process.argv.slice(2);
if (!baselineFile || !currentFile) {
  console.error('usage: node diff-events.js <baseline.json> <current.json>');
  process.exit(2);
}
const read = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const output = diff(read(baselineFile), read(currentFile), {
  override: schemaRules('/channels/*/messages/*/payload', 8, {}),
  outputType: 'json',
});
process.stdout.write(JSON.stringify({
  breaking: output.breaking(),
  nonBreaking: output.nonBreaking(),
  unclassified: output.unclassified(),
}));
