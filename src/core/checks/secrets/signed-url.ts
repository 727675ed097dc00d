import { isRedacted } from './placeholder';
import { later } from '../../l10n';
import { queriesIn, type Param } from './query';
import type { Found, SecretKind } from './types';

/*
 * Signed URLs of the major clouds: a query string that is itself a credential to a stored object.
 * Each cloud is known by its parameters together, in any order, names in any case (a proxy or a
 * logger may have folded them; the value is as secret either way), the URL plain or
 * percent-encoded inside another URL's query. The span is each secret parameter's value, so that
 * redaction leaves a valid URL.
 */

interface Secret {
  /** The parameter's documented name, for messages. */
  name: string;
  kind: SecretKind;
  what: string;
}

interface Scheme {
  /** The secret parameters, lower case → what they are. */
  secrets: ReadonlyMap<string, Secret>;
  /** Whether the query (its lower-case names) is this cloud's signed URL. */
  signed: (names: ReadonlySet<string>) => boolean;
}

const secret = (name: string, kind: SecretKind, what: string): [string, Secret] => [name.toLowerCase(), { name, kind, what: `${what} (${name})` }];

/**
 * Azure Storage service, account and user delegation SAS (learn.microsoft.com, "Create a
 * service SAS"): `sig` is the HMAC-SHA256 signature; a SAS also carries the signed version `sv`
 * and some of `se` (expiry), `sp` (permissions), `sr`, `ss`, `srt`, `st`, `spr`, `si`, the user
 * delegation key's `skoid`/`sktid`/`skt`/`ske`/`sks`/`skv`, `sdd`. `sig` alone is not a SAS.
 */
const AZURE_COMPANIONS = ['sv', 'se', 'sp', 'sr', 'ss', 'srt', 'st', 'spr', 'si', 'skoid', 'sktid', 'skt', 'ske', 'sks', 'skv', 'sdd'];
const AZURE: Scheme = {
  secrets: new Map([secret('sig', 'signature', later('an Azure SAS signature'))]),
  signed: (n) => n.has('sig') && AZURE_COMPANIONS.some((c) => n.has(c)),
};

/**
 * AWS Signature Version 4 in the query string (docs.aws.amazon.com, "Authenticating Requests:
 * Using Query Parameters"): X-Amz-Signature, X-Amz-Credential (access key id and scope), and a
 * temporary credential's X-Amz-Security-Token. Any of them is a credential.
 */
const AWS_V4: Scheme = {
  secrets: new Map([
    secret('X-Amz-Signature', 'signature', later('an AWS SigV4 signature')),
    secret('X-Amz-Credential', 'signed-credential', later('an AWS access key id')),
    secret('X-Amz-Security-Token', 'signed-credential', later('an AWS session token')),
  ]),
  signed: (n) => n.has('x-amz-signature') || n.has('x-amz-credential') || n.has('x-amz-security-token'),
};

/**
 * Google Cloud Storage V4 signing (cloud.google.com, "V4 signing process"): X-Goog-Signature and
 * X-Goog-Credential (the service account and scope); the older V2 form signs with `Signature`
 * next to `GoogleAccessId`.
 */
const GOOGLE_V4: Scheme = {
  secrets: new Map([
    secret('X-Goog-Signature', 'signature', later('a Google V4 signature')),
    secret('X-Goog-Credential', 'signed-credential', later('a Google V4 credential')),
  ]),
  signed: (n) => n.has('x-goog-signature') || n.has('x-goog-credential'),
};
const GOOGLE_V2: Scheme = {
  secrets: new Map([secret('Signature', 'signature', later('a Google V2 signature')), secret('GoogleAccessId', 'signed-credential', later('a Google access id'))]),
  signed: (n) => n.has('signature') && n.has('googleaccessid'),
};

/** CloudFront signed URLs (docs.aws.amazon.com, CloudFront "Signed URLs"): `Signature` with `Key-Pair-Id`. */
const CLOUDFRONT: Scheme = {
  secrets: new Map([secret('Signature', 'signature', later('a CloudFront signature')), secret('Key-Pair-Id', 'signed-credential', later('a CloudFront key pair id'))]),
  signed: (n) => n.has('signature') && n.has('key-pair-id'),
};

/** AWS Signature Version 2 in the query string (S3's older query authentication): `Signature` with `AWSAccessKeyId`. */
const AWS_V2: Scheme = {
  secrets: new Map([secret('Signature', 'signature', later('an AWS signature')), secret('AWSAccessKeyId', 'signed-credential', later('an AWS access key id'))]),
  signed: (n) => n.has('signature') && n.has('awsaccesskeyid'),
};

const SCHEMES: readonly Scheme[] = [AZURE, AWS_V4, GOOGLE_V4, CLOUDFRONT, AWS_V2, GOOGLE_V2];

/** Nothing to look for without a parameter name that some cloud signs with (record.ts tests a record's text with it too). */
export const SIGNED_URL_HINT = /sig|credential|security-token|key-pair-id|awsaccesskeyid|googleaccessid/i;

/**
 * The signatures and signing credentials in the signed URLs of `s`: for each query that is one
 * cloud's signed URL, the value of each of its secret parameters that is not empty or a
 * placeholder (`sig=REDACTED` is not flagged). Offsets into `s`; linear in its length.
 */
export function signedUrlSpans(s: string): Found[] {
  if (!SIGNED_URL_HINT.test(s)) return [];
  const out: Found[] = [];
  for (const query of queriesIn(s)) {
    const names = new Set(query.map((p) => p.lower));
    for (const scheme of SCHEMES) {
      if (!scheme.signed(names)) continue;
      for (const p of query) addSecret(out, s, p, scheme.secrets.get(p.lower));
      break;
    }
  }
  return out;
}

function addSecret(out: Found[], s: string, p: Param, known: Secret | undefined): void {
  if (!known || p.end <= p.start || isRedacted(decodeLoosely(s.slice(p.start, p.end)))) return;
  out.push({ kind: known.kind, start: p.start, end: p.end, what: known.what });
}

/** `%3C`token`%3E` and `%2A%2A%2A` are placeholders too, once decoded (bad escapes left as they are). */
function decodeLoosely(v: string): string {
  if (!v.includes('%')) return v;
  try {
    return decodeURIComponent(decodeURIComponent(v));
  } catch {
    return v;
  }
}
