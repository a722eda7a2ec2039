// Turns an access key id (and session token) from a SigV4 signature into a Caller and the secret the
// signature is checked against. Long-term keys come from the store's mirror; temporary credentials
// (ASIA… + session token) are opened by the session sealer of the STS issue.
import type { ServerEnv } from '../services/env.js';
import type { Caller } from '../services/caller.js';
import { getAccessKey, type AccessKeyRecord } from '../services/accounts/access-keys.js';
import { getUserByName } from '../services/iam/model.js';
import { invalidClientTokenId } from '../wire/errors.js';
import { checkRequestTime, checkSignature, type ParsedSigV4 } from '../wire/sigv4/index.js';

export interface ResolvedCredential {
  secretAccessKey: string;
  caller: Caller;
}

/** Opens temporary credentials; installed by the STS service when it lands. */
export type SessionResolver = (accessKeyId: string, sessionToken: string | undefined) => ResolvedCredential;

export class Authenticator {
  sessions?: SessionResolver;
  /**
   * The resolved credential per access-key record. The store replaces a record object when it changes,
   * so an entry is valid while its key record (and the user record it was made with) are the current
   * ones. A stable Caller also lets per-caller work (e.g. the audit identity element) be done once.
   */
  private readonly resolved = new WeakMap<object, { user: object | undefined; cred: ResolvedCredential }>();
  constructor(private readonly env: ServerEnv) {}

  /**
   * Verifies a parsed SigV4 signature: the time window, the credential, the signature itself.
   * Clients sign with their real clocks, so the skew window uses real time, while credentials expire
   * by the server clock (which tests may move with the clock offset).
   */
  verify(parsed: ParsedSigV4): ResolvedCredential {
    checkRequestTime(parsed, Date.now());
    const cred = this.resolve(parsed.scope.accessKeyId, parsed.sessionToken);
    checkSignature(parsed, cred.secretAccessKey);
    return cred;
  }

  resolve(accessKeyId: string, sessionToken: string | undefined): ResolvedCredential {
    if (accessKeyId.startsWith('ASIA')) {
      if (!this.sessions) throw invalidClientTokenId();
      return this.sessions(accessKeyId, sessionToken);
    }
    const key = getAccessKey(this.env.store, accessKeyId);
    if (!key || key.status !== 'Active') throw invalidClientTokenId();
    const user =
      key.userName === undefined ? undefined : getUserByName(this.env.store, key.accountId, key.userName);
    const hit = this.resolved.get(key);
    if (hit !== undefined && hit.user === user) return hit.cred;
    const cred = this.resolveLongTerm(accessKeyId, key, user);
    this.resolved.set(key, { user, cred });
    return cred;
  }

  private resolveLongTerm(
    accessKeyId: string,
    key: AccessKeyRecord,
    user: ReturnType<typeof getUserByName>,
  ): ResolvedCredential {
    const secretAccessKey = this.env.secrets.open(key.secretSealed);
    if (key.userName === undefined) {
      return {
        secretAccessKey,
        caller: {
          type: 'Root',
          accountId: key.accountId,
          arn: `arn:aws:iam::${key.accountId}:root`,
          userId: key.accountId,
          accessKeyId,
        },
      };
    }
    if (!user) throw invalidClientTokenId();
    return {
      secretAccessKey,
      caller: {
        type: 'IAMUser',
        accountId: key.accountId,
        arn: user.arn,
        userId: user.userId,
        userName: user.userName,
        accessKeyId,
      },
    };
  }
}
