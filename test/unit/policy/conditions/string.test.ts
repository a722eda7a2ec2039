// String operators, rows mostly from the AWS IAM User Guide's condition-operator examples.
import { table } from './helpers.js';

const tag = 'aws:PrincipalTag/job-category';
table('StringEquals', [
  ['StringEquals', tag, ['iamuser-admin'], { [tag]: 'iamuser-admin' }, true],
  ['StringEquals', tag, ['iamuser-admin'], { [tag]: 'IAMUser-Admin' }, false], // case-sensitive
  ['StringEquals', tag, ['iamuser-admin'], {}, false], // missing key
  ['StringEquals', 'AWS:PrincipalTag/Job-Category', ['x'], { 'aws:principaltag/job-category': 'x' }, true], // key case
  [
    'StringEquals',
    'aws:PrincipalTag/role',
    ['audit', 'security'],
    { 'aws:PrincipalTag/role': 'security' },
    true,
  ], // OR
  ['StringEquals', 'aws:PrincipalTag/role', ['audit', 'security'], { 'aws:PrincipalTag/role': 'dev' }, false],
  ['StringEquals', 'k', ['a', 'b', 'c', 'd', 'e', 'f'], { k: 'f' }, true], // Set path
  ['StringEquals', 'k', ['a', 'b', 'c', 'd', 'e', 'f'], { k: 'g' }, false],
  ['StringEquals', 'k', ['a*'], { k: 'abc' }, false], // no wildcards
  ['StringEquals', 'k', ['a*'], { k: 'a*' }, true],
  ['StringEquals', 'k', [''], { k: '' }, true],
  ['StringEquals', 'aws:SecureTransport', ['true'], { 'aws:SecureTransport': true }, true], // coercion
  ['StringEquals', 's3:max-keys', ['10'], { 's3:max-keys': 10 }, true],
  ['StringEqualsIfExists', 'k', ['a'], {}, true],
  ['StringEqualsIfExists', 'k', ['a'], { k: 'b' }, false],
  ['StringEqualsIfExists', 'k', ['a'], { k: 'a' }, true],
]);

table('StringNotEquals', [
  [
    'StringNotEquals',
    'aws:PrincipalTag/role',
    ['audit', 'security'],
    { 'aws:PrincipalTag/role': 'audit' },
    false,
  ], // NOR
  [
    'StringNotEquals',
    'aws:PrincipalTag/role',
    ['audit', 'security'],
    { 'aws:PrincipalTag/role': 'dev' },
    true,
  ],
  ['StringNotEquals', 'aws:PrincipalTag/role', ['audit'], {}, true], // negated + missing → true
  ['StringNotEquals', 'k', ['A'], { k: 'a' }, true],
  ['StringNotEqualsIfExists', 'k', ['a'], {}, true],
  ['StringNotEqualsIfExists', 'k', ['a'], { k: 'a' }, false],
]);

table('StringEqualsIgnoreCase', [
  [
    'StringEqualsIgnoreCase',
    'aws:PrincipalTag/dept',
    ['Engineering'],
    { 'aws:PrincipalTag/dept': 'ENGINEERING' },
    true,
  ],
  ['StringEqualsIgnoreCase', 'k', ['abc', 'DEF'], { k: 'dEf' }, true],
  ['StringEqualsIgnoreCase', 'k', ['abc'], { k: 'abd' }, false],
  ['StringEqualsIgnoreCase', 'k', ['abc'], {}, false],
  ['StringNotEqualsIgnoreCase', 'k', ['abc'], { k: 'ABC' }, false],
  ['StringNotEqualsIgnoreCase', 'k', ['abc'], { k: 'abd' }, true],
  ['StringNotEqualsIgnoreCase', 'k', ['abc'], {}, true],
  ['StringEqualsIgnoreCaseIfExists', 'k', ['abc'], {}, true],
]);

table('StringLike', [
  [
    'StringLike',
    's3:prefix',
    ['home/', 'home/${aws:username}/*'],
    { 's3:prefix': 'home/David/photos', 'aws:username': 'David' },
    true,
  ],
  [
    'StringLike',
    's3:prefix',
    ['home/', 'home/${aws:username}/*'],
    { 's3:prefix': 'home/', 'aws:username': 'David' },
    true,
  ],
  [
    'StringLike',
    's3:prefix',
    ['home/${aws:username}/*'],
    { 's3:prefix': 'home/Eve/x', 'aws:username': 'David' },
    false,
  ],
  ['StringLike', 's3:prefix', ['home/${aws:username}/*'], { 's3:prefix': 'home/David/x' }, false], // unresolvable
  ['StringLike', 'k', ['a?c'], { k: 'abc' }, true],
  ['StringLike', 'k', ['a?c'], { k: 'ac' }, false],
  ['StringLike', 'k', ['*'], { k: '' }, true],
  ['StringLike', 'k', ['*b*'], { k: 'abc' }, true],
  ['StringLike', 'k', ['*.example.com'], { k: 'www.example.com' }, true],
  ['StringLike', 'k', ['*.example.com'], { k: 'www.example.org' }, false],
  ['StringLike', 'k', ['a*c*e'], { k: 'abcdxe' }, true],
  ['StringLike', 'k', ['a*c*e'], { k: 'abcdx' }, false],
  ['StringLike', 'k', ['ABC*'], { k: 'abcd' }, false], // case-sensitive
  ['StringLike', 'k', ['a${*}'], { k: 'a*' }, true], // escaped star is literal
  ['StringLike', 'k', ['a${*}'], { k: 'ab' }, false],
  ['StringLike', 'k', ['a${?}'], { k: 'ab' }, false],
  ['StringLike', 'k', ['${$}x'], { k: '$x' }, true],
  ['StringLike', 'k', ['${aws:username}'], { k: 'anything', 'aws:username': '*' }, false], // value literal
  ['StringLike', 'k', ['${aws:username}'], { k: '*', 'aws:username': '*' }, true],
  ['StringLike', 'k', ["${aws:PrincipalTag/team, 'none'}-*"], { k: 'none-1' }, true], // default
  [
    'StringLike',
    'k',
    ["${aws:PrincipalTag/team, 'none'}-*"],
    { k: 'red-1', 'aws:principaltag/team': 'red' },
    true,
  ],
  ['StringLike', 'k', ['${aws:TagKeys}'], { k: 'a', 'aws:TagKeys': ['a'] }, false], // multi-valued variable
  ['StringLikeIfExists', 'k', ['x*'], {}, true],
]);

table('StringNotLike', [
  ['StringNotLike', 'k', ['home/*'], { k: 'home/x' }, false],
  ['StringNotLike', 'k', ['home/*'], { k: 'work/x' }, true],
  ['StringNotLike', 'k', ['home/*'], {}, true],
  ['StringNotLike', 'k', ['a*', 'b*'], { k: 'bq' }, false],
  // An unresolvable variable makes a negated operator false (the statement is invalid), not true.
  ['StringNotLike', 'k', ['${aws:username}/*'], { k: 'x/y' }, false],
  ['StringNotEquals', 'k', ['${aws:username}'], { k: 'x' }, false],
  ['StringNotEquals', 'k', ['${aws:username}'], { k: 'x', 'aws:username': 'y' }, true],
]);

table('Policy variables need Version 2012-10-17', [
  ['StringEquals', 'k', ['${aws:username}'], { k: 'bob', 'aws:username': 'bob' }, false, '2008-10-17'],
  [
    'StringEquals',
    'k',
    ['${aws:username}'],
    { k: '${aws:username}', 'aws:username': 'bob' },
    true,
    '2008-10-17',
  ],
  ['StringEquals', 'k', ['${aws:username}'], { k: '${aws:username}' }, true, 'none'],
  ['StringLike', 'k', ['${*}'], { k: 'zzz' }, false, '2008-10-17'], // "${*}" text: * is a wildcard but $,{,} are literal
  ['StringLike', 'k', ['${*}'], { k: '${abc}' }, true, '2008-10-17'],
  ['StringEquals', 'k', ['${aws:username}'], { k: 'bob', 'aws:username': 'bob' }, true],
]);
