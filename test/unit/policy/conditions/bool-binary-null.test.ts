// Bool, BinaryEquals and Null.
import { table } from './helpers.js';

const st = 'aws:SecureTransport';
table('Bool', [
  ['Bool', st, ['true'], { [st]: 'true' }, true],
  ['Bool', st, ['true'], { [st]: true }, true],
  ['Bool', st, ['false'], { [st]: 'true' }, false],
  ['Bool', st, ['false'], { [st]: 'false' }, true], // AWS example: deny HTTP
  ['Bool', st, ['TRUE'], { [st]: 'True' }, true], // case-insensitive
  ['Bool', st, ['true'], {}, false],
  ['BoolIfExists', st, ['true'], {}, true],
  ['BoolIfExists', st, ['false'], { [st]: 'true' }, false],
  ['Bool', st, ['yes'], { [st]: 'yes' }, false], // not a boolean
  ['Bool', st, ['true'], { [st]: '1' }, false],
  ['Bool', st, ['true', 'false'], { [st]: 'false' }, true],
  ['Bool', 'aws:MultiFactorAuthPresent', ['true'], { 'aws:MultiFactorAuthPresent': 'true' }, true],
]);

// "QmluYXJ5VmFsdWVJbkJhc2U2NA==" is AWS's example ("BinaryValueInBase64").
table('BinaryEquals', [
  ['BinaryEquals', 'key', ['QmluYXJ5VmFsdWVJbkJhc2U2NA=='], { key: 'BinaryValueInBase64' }, true],
  ['BinaryEquals', 'key', ['QmluYXJ5VmFsdWVJbkJhc2U2NA'], { key: 'BinaryValueInBase64' }, true], // unpadded
  ['BinaryEquals', 'key', ['QmluYXJ5VmFsdWVJbkJhc2U2NA=='], { key: 'BinaryValueInBase6' }, false],
  ['BinaryEquals', 'key', ['QmluYXJ5VmFsdWVJbkJhc2U2NA=='], {}, false],
  ['BinaryEqualsIfExists', 'key', ['QmluYXJ5VmFsdWVJbkJhc2U2NA=='], {}, true],
  ['BinaryEquals', 'key', ['w6k='], { key: 'é' }, true], // UTF-8 bytes
  ['BinaryEquals', 'key', ['!!notbase64'], { key: '!!notbase64' }, false],
  ['BinaryEquals', 'key', [''], { key: '' }, true],
]);

const tit = 'aws:TokenIssueTime';
table('Null', [
  ['Null', tit, ['true'], {}, true], // AWS example: not temporary credentials
  ['Null', tit, ['true'], { [tit]: '2020-01-01T00:00:00Z' }, false],
  ['Null', tit, ['false'], { [tit]: '2020-01-01T00:00:00Z' }, true],
  ['Null', tit, ['false'], {}, false],
  ['Null', tit, ['TRUE'], {}, true],
  ['Null', tit, ['maybe'], {}, false],
  ['Null', tit, ['true', 'false'], {}, true],
  ['Null', 'aws:TagKeys', ['true'], { 'aws:TagKeys': [] }, true], // empty list = null data set
  ['Null', 'aws:TagKeys', ['false'], { 'aws:TagKeys': ['a'] }, true],
  ['Null', 'k', ['false'], { k: '' }, true], // an empty string is present
  ['Null', 'AWS:TokenIssueTime', ['false'], { [tit]: 'x' }, true], // key case-insensitive
]);
