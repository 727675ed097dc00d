import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRedacted, REDACTED, secretSpans, type SecretSpan, type StringField } from '../../src/core/index';

/*
 * Each detector against the deciding standard's or vendor's own examples, their variants
 * (reordered, percent-encoded, names in other cases), placeholders, and lookalikes. Expected
 * values are the documents' texts, never this code's output.
 */

const TEXT: StringField = { key: 'metadata', pointer: '/event/metadata', freeText: true };
const URL_FIELD: StringField = { key: 'blob_url', pointer: '/event/blob_url', freeText: false };

/** [rule, kind, the text of the span] of each span found. */
function found(value: string, field: StringField = TEXT): [string, string, string][] {
  return secretSpans(value, field).map((s: SecretSpan) => [s.rule, s.kind, value.slice(s.start, s.end)]);
}
const texts = (value: string, field: StringField = TEXT): string[] => found(value, field).map((f) => f[2]);

/** Azure Storage docs, "Grant limited access to data with shared access signatures (SAS)": the service SAS example. */
const AZURE_SIG = 'Z%2FRHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk%3D';
const AZURE = `https://myaccount.blob.core.windows.net/sascontainer/sasblob.txt?sv=2015-04-05&st=2015-04-29T22%3A18%3A26Z&se=2015-04-30T02%3A23%3A26Z&sr=b&sp=rw&sip=168.1.5.60-168.1.5.70&spr=https&sig=${AZURE_SIG}`;

/** Amazon S3 API reference, "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)": the example presigned URL. */
const AWS_CREDENTIAL = 'AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request';
const AWS_SIGNATURE = 'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';
const AWS = `https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${AWS_CREDENTIAL}&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=${AWS_SIGNATURE}`;

/**
 * Google Cloud Storage, "V4 signing process with your own program": the completed URL's example
 * (its credential as the page writes it; the page's signature is 512 hex digits, shortened here).
 */
const GOOGLE_CREDENTIAL = 'example%40example-project.iam.gserviceaccount.com%2F20181026%2Fus%2Fstorage%2Fgoog4_request';
const GOOGLE_SIGNATURE = '247a2aa45f169edf4d187d54e7cc46e4731b1e6273242c4f4c39a1d2507a0e58706e25e3a85a7dbb891d62afa849';
const GOOGLE = `https://storage.googleapis.com/example-bucket/cat.jpeg?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=${GOOGLE_CREDENTIAL}&X-Goog-Date=20181026T211942Z&X-Goog-expires=60&X-Goog-Signedheaders=host&X-Goog-Signature=${GOOGLE_SIGNATURE}`;

describe('signed-url: the clouds\' own examples', () => {
  it('Azure SAS: the sig value, and nothing of sv, st, se, sip', () => {
    assert.deepEqual(found(AZURE, URL_FIELD), [['signed-url', 'signature', AZURE_SIG]]);
    assert.equal(secretSpans(AZURE, URL_FIELD)[0]!.what, 'an Azure SAS signature (sig)');
  });

  it('AWS SigV4: X-Amz-Credential and X-Amz-Signature', () => {
    assert.deepEqual(found(AWS, URL_FIELD), [['signed-url', 'signed-credential', AWS_CREDENTIAL], ['signed-url', 'signature', AWS_SIGNATURE]]);
  });

  it('Google V4: X-Goog-Credential and X-Goog-Signature', () => {
    assert.deepEqual(found(GOOGLE, URL_FIELD), [['signed-url', 'signed-credential', GOOGLE_CREDENTIAL], ['signed-url', 'signature', GOOGLE_SIGNATURE]]);
  });

  it('AWS temporary credentials: X-Amz-Security-Token is one too', () => {
    const url = `${AWS}&X-Amz-Security-Token=FwoGZXIvYXdzEBYaDN%2BvWk`;
    assert.deepEqual(texts(url, URL_FIELD), [AWS_CREDENTIAL, AWS_SIGNATURE, 'FwoGZXIvYXdzEBYaDN%2BvWk']);
  });

  it('CloudFront (Signature with Key-Pair-Id) and the older AWS form (Signature with AWSAccessKeyId)', () => {
    // CloudFront developer guide, "Create a signed URL using a canned policy": Expires, Signature, Key-Pair-Id.
    const cf = 'https://d111111abcdef8.cloudfront.net/image.jpg?Expires=1357034400&Signature=nitfHRCrtziwO2HwPfWw~yYDhUF5EwRunQA-j19DzZrvDh6hQ73lDx~-ar3UocvvRQVw6EkC~GdpGQyyOSKQim-TxAnW7d8F5Kkai9HVx0FIu-5jcQb0UEmatEXAMPLE3ReXySpLSMj0yCd3ZAB4UcBCAqEijkytL6f3fVYNGQI6&Key-Pair-Id=K2JCJMDEHXQW5F';
    assert.deepEqual(found(cf, URL_FIELD).map((f) => f[1]), ['signature', 'signed-credential']);
    assert.deepEqual(texts(cf, URL_FIELD)[1], 'K2JCJMDEHXQW5F');
    // S3's Signature Version 2 query string authentication: AWSAccessKeyId, Expires, Signature.
    const v2 = 'https://awsexamplebucket1.s3.us-west-1.amazonaws.com/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1141889120&Signature=vjbyPxybdZaNmGa%2ByT272YEAiv4%3D';
    // Its key id is the documentation's placeholder (…EXAMPLE), its signature is one.
    assert.deepEqual(texts(v2, URL_FIELD), ['vjbyPxybdZaNmGa%2ByT272YEAiv4%3D']);
    assert.deepEqual(texts(v2.replace('AKIAIOSFODNN7EXAMPLE', 'AKIAZ7XQ3M5N2B4V6C8D'), URL_FIELD), ['AKIAZ7XQ3M5N2B4V6C8D', 'vjbyPxybdZaNmGa%2ByT272YEAiv4%3D']);
  });

  it('any parameter order, names in any case', () => {
    const reordered = `https://myaccount.blob.core.windows.net/c/b.txt?sig=${AZURE_SIG}&sp=rw&SE=2015-04-30T02%3A23%3A26Z&sv=2015-04-05`;
    assert.deepEqual(texts(reordered, URL_FIELD), [AZURE_SIG]);
    const upper = AZURE.replace('&sig=', '&SIG=');
    assert.deepEqual(texts(upper, URL_FIELD), [AZURE_SIG]);
    const lower = AWS.replace('X-Amz-Signature', 'x-amz-signature').replace('X-Amz-Credential', 'x-amz-credential');
    assert.deepEqual(texts(lower, URL_FIELD), [AWS_CREDENTIAL, AWS_SIGNATURE]);
  });

  it('percent-encoded inside another URL\'s query, once or twice', () => {
    const once = `https://viewer.example.net/open?u=${encodeURIComponent(AZURE)}&lang=en`;
    const sig = encodeURIComponent(AZURE_SIG);
    assert.equal(sig, 'Z%252FRHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk%253D');
    assert.deepEqual(texts(once, URL_FIELD), [sig]);
    const twice = `https://a.example.net/r?next=${encodeURIComponent(`https://b.example.net/v?u=${encodeURIComponent(AWS)}`)}`;
    assert.deepEqual(texts(twice, URL_FIELD), [encodeURIComponent(encodeURIComponent(AWS_CREDENTIAL)), encodeURIComponent(encodeURIComponent(AWS_SIGNATURE))]);
  });

  it('in free text, two URLs apart: the SAS\'s companions must be in its own query', () => {
    const text = `See ${AZURE} and https://other.example.net/x?sig=abcdef123456 for the report.`;
    assert.deepEqual(texts(text), [AZURE_SIG]);
    assert.deepEqual(texts('https://a.example.net/x?sv=2020-02-10 then https://b.example.net/y?sig=abcdef123456', URL_FIELD), []);
  });

  it('redacted and placeholder values are not flagged; the URL around them is no secret', () => {
    assert.deepEqual(found(AZURE.replace(AZURE_SIG, REDACTED), URL_FIELD), []);
    assert.deepEqual(found(AWS.replace(AWS_SIGNATURE, 'redacted').replace(AWS_CREDENTIAL, '%3Cyour-access-key-id%3E'), URL_FIELD), []);
    assert.deepEqual(found(AZURE.replace(AZURE_SIG, '***'), URL_FIELD), []);
    assert.deepEqual(found(AZURE.replace(AZURE_SIG, ''), URL_FIELD), []);
  });

  it('lookalikes: a docs URL about signatures, "sig" or "Signature" without a cloud\'s companions', () => {
    assert.deepEqual(found('https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html#query-string-auth-v4-signing-example'), []);
    assert.deepEqual(found('https://learn.microsoft.com/en-us/rest/api/storageservices/create-service-sas?view=rest&tabs=signature'), []);
    assert.deepEqual(found('https://forum.example.net/t?sig=abc123def456&page=2'), []);
    assert.deepEqual(found('https://docs.example.net/verify?Signature=abc123def456'), []);
    assert.deepEqual(found('The sig file and the signature page were missing.'), []);
  });
});

describe('credential: the RFCs\' and vendors\' examples', () => {
  it('RFC 6750 §2.1: Authorization: Bearer mF_9.B5f-4.1JqM, the token only', () => {
    assert.deepEqual(found('Authorization: Bearer mF_9.B5f-4.1JqM'), [['credential', 'authorization', 'mF_9.B5f-4.1JqM']]);
  });

  it('RFC 7617 §2: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ== (Aladdin:open sesame), the scheme in any case', () => {
    assert.deepEqual(found('Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=='), [['credential', 'authorization', 'QWxhZGRpbjpvcGVuIHNlc2FtZQ==']]);
    assert.deepEqual(texts('authorization: BASIC QWxhZGRpbjpvcGVuIHNlc2FtZQ=='), ['QWxhZGRpbjpvcGVuIHNlc2FtZQ==']);
  });

  it('prose is not a credential: "basic plan", "the bearer of", a Basic value that holds no user:password', () => {
    assert.deepEqual(found('Upgrade from the Basic plan; the bearer of this document agrees; Bearer authentication failed'), []);
    // "dGVzdA==" is base64 of "test": no colon, so no RFC 7617 user-pass.
    assert.deepEqual(found('Basic dGVzdA=='), []);
  });

  it('RFC 7519 §3.1: the example JWT, all three parts', () => {
    const jwt = 'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    assert.deepEqual(found(`session ${jwt} expired`), [['credential', 'token', jwt]]);
    // A base64url run starting eyJ whose header is no JOSE header is not one.
    assert.deepEqual(found('eyJub3QiOiJhIGhlYWRlciJ9.eyJhIjoxfQ.c2ln'), []);
  });

  it('keys in their documented shapes: AWS, GitHub, Slack, Stripe, Google, a PEM private key', () => {
    const cases: [string, string][] = [
      // AKIA/ASIA and 16 of A-Z, 2-7 (IAM user guide, "Unique identifiers"); the guide's own AKIAIOSFODNN7EXAMPLE is a placeholder.
      ['AKIAZ7XQ3M5N2B4V6C8D', 'an AWS access key id'],
      ['ASIAZ7XQ3M5N2B4V6C8D', 'an AWS access key id'],
      ['ghp_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5', 'a GitHub token'],
      // github_pat_, 22 characters, _, 59 characters.
      ['github_pat_11ABCDEFG0123456789abc_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1hJ3kL5mN7pQ9rS', 'a GitHub fine-grained token'],
      ['xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy', 'a Slack token'],
      ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'a Stripe live key'],
      ['AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe', 'a Google API key'],
    ];
    for (const [key, what] of cases) {
      const spans = secretSpans(`key ${key} leaked`, TEXT);
      assert.deepEqual(spans.map((s) => [s.kind, s.start, s.end, s.what]), [['api-key', 4, 4 + key.length, what]], key);
    }
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgwMbRvI0MBZhpF\n-----END RSA PRIVATE KEY-----';
    assert.deepEqual(texts(`config: ${pem} end`), [pem]);
  });

  it('key shapes not taken: a test key, too short or too long, inside a longer word', () => {
    assert.deepEqual(found('sk_test_4eC39HqLyjWDarjtT1zdp7dc AKIAIOSFODNN7EXAMPL AKIAIOSFODNN7EXAMPLEX xAKIAIOSFODNN7EXAMPLE ghp_short'), []);
  });

  it('password=, api_key: "…", token= in text; a colon only before a quoted value or one with a digit', () => {
    assert.deepEqual(found('login failed: password=hunter22 for etl'), [['credential', 'token', 'hunter22']]);
    assert.deepEqual(texts('{"api_key": "k3y-9d8f7g6h", "user": "x"}'), ['k3y-9d8f7g6h']);
    assert.deepEqual(texts('curl https://api.example.net/v1?access_token=abc123xyz789&page=2'), ['abc123xyz789']);
    assert.deepEqual(found('password: required; token: missing; the secret: none; api key rotation pending'), []);
    assert.deepEqual(found('password=REDACTED token=<token> api_key=${API_KEY} secret=********'), []);
  });

  it('a quoted value runs to its closing quote; an unquoted one to a blank, or in a URL query to the next &', () => {
    assert.deepEqual(texts('password=Tr0ub4dor&3x'), ['Tr0ub4dor&3x']);
    assert.deepEqual(texts('{"password": "Tr0ub4dor&3x"}'), ['Tr0ub4dor&3x']);
    assert.deepEqual(texts("password='Tr0ub4dor&3x' user=etl"), ['Tr0ub4dor&3x']);
    assert.deepEqual(texts('password="correct horse battery staple" for etl'), ['correct horse battery staple']);
    assert.deepEqual(texts('{"password":"Kx9 \\"mQ2zL"}'), ['Kx9 \\"mQ2zL']);
    assert.deepEqual(texts('api_key=abc123&def456'), ['abc123&def456']);
    // RFC 3986 §3.4: in a query, & separates the parameters.
    assert.deepEqual(texts('callback https://hooks.northwind-logistics.com/alfred?token=abc123xyz789&src=alfred'), ['abc123xyz789']);
    assert.deepEqual(texts('GET /alfred?src=alfred&api_key=abc123xyz789&page=2 failed'), ['abc123xyz789']);
  });

  it('passwords with ; , ! @ and blanks, and a dash-separated passphrase after a colon', () => {
    for (const [value, secret] of [
      ['password=P@ss;w0rd!', 'P@ss;w0rd!'],
      ['password=Kx9;mQ2!zL', 'Kx9;mQ2!zL'],
      ['password=Kx9,mQ2zL', 'Kx9,mQ2zL'],
      ['password="Kx9 mQ2zL"', 'Kx9 mQ2zL'],
      ['password: correct-horse-battery', 'correct-horse-battery'],
    ]) {
      assert.deepEqual(found(value!), [['credential', 'token', secret]], value);
    }
  });

  it('API key names in any case, with - or _ and an x- prefix; AWS secret access keys and Azure storage account keys', () => {
    const key = '8f3kQz1Lx0Vb7NwYt2Rm5Ps9Hc4Ud6Ja';
    for (const v of [`X-Api-Key: ${key}`, `x-api-key=${key}`, `X_API_KEY=${key}`, `Api-Key: "${key}"`, `apikey=${key}`]) {
      assert.deepEqual(found(v), [['credential', 'api-key', key]], v);
    }
    // AWS CLI user guide, "Configuration and credential file settings": the example secret access key.
    const aws = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    assert.deepEqual(found(`aws_secret_access_key=${aws}`), [['credential', 'api-key', aws]]);
    assert.deepEqual(texts(`AWS_SECRET_ACCESS_KEY = ${aws}`), [aws]);
    // Azure Storage, "Configure a connection string": AccountKey is base64 and ends at the next ;.
    const account = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
    assert.deepEqual(found(`DefaultEndpointsProtocol=https;AccountName=nwstore01;AccountKey=${account};EndpointSuffix=core.windows.net`), [['credential', 'api-key', account]]);
  });

  it('placeholders are not credentials: AWS\'s EXAMPLE key ids, YOUR_…, your-…, <your …>, changeme', () => {
    assert.deepEqual(found('AKIAIOSFODNN7EXAMPLE ASIAIOSFODNN7EXAMPLE'), []);
    for (const v of ['api_key=YOUR_API_KEY', 'api_key=your-api-key', 'password=<your password>', 'token=<your-token>', 'password=changeme', 'X-Api-Key: <YOUR API KEY>', 'password="your password"']) {
      assert.deepEqual(found(v), [], v);
    }
  });

  it('userinfo (RFC 3986 §3.2.1): user and password of a URL; not a port, not an address after the host', () => {
    assert.deepEqual(found('sftp://svc-export:Tr0ub4dor-3x@files.example.net/in'), [['credential', 'userinfo', 'svc-export:Tr0ub4dor-3x']]);
    assert.deepEqual(found('https://files.example.net:8443/in?to=ops@example.net', URL_FIELD), []);
    assert.deepEqual(found('https://anna@files.example.net/in', URL_FIELD), []);
    assert.deepEqual(found('https://svc:REDACTED@files.example.net/in', URL_FIELD), []);
  });

  it('the URL verification body\'s token is a credential whole; a redacted one is not', () => {
    const field: StringField = { key: 'token', pointer: '/token', freeText: false };
    assert.deepEqual(found('Jhj5dZrVaK7ZwHHjRyZWjbDl', field), [['credential', 'token', 'Jhj5dZrVaK7ZwHHjRyZWjbDl']]);
    assert.deepEqual(found(REDACTED, field), []);
    assert.deepEqual(found('Jhj5dZrVaK7ZwHHjRyZWjbDl', { key: 'token', pointer: '/event/token', freeText: true }), []);
  });
});

describe('personal-data: e-mail addresses and phone numbers in free text only', () => {
  it('RFC 5322 addr-spec: dot-atoms, plus and percent, subdomains, RFC 6531 non-ASCII', () => {
    assert.deepEqual(texts('Write to dana.whitfield+ap@mail.northwind-logistics.com.'), ['dana.whitfield+ap@mail.northwind-logistics.com']);
    assert.deepEqual(texts('Contact: José.Pérez@correos.es, or 用户@例子.广告'), ['José.Pérez@correos.es', '用户@例子.广告']);
    assert.equal(found('dana@northwind-logistics.com')[0]![1], 'email');
  });

  it('not in a field that is not free text', () => {
    assert.deepEqual(found('dana@northwind-logistics.com', URL_FIELD), []);
    assert.deepEqual(found('+44 20 7946 0958', { key: 'job_id', pointer: '/event/job_id', freeText: false }), []);
  });

  it('RFC 2606 / 6761 reserved names are placeholders; image density suffixes are no address', () => {
    assert.deepEqual(found('jane@example.com, a@b.example.org, x@y.test, ops@host.invalid, me@box.example, root@localhost, logo@2x.png'), []);
  });

  it('E.164 (ITU-T): +CC and groups, or one run of digits', () => {
    assert.deepEqual(texts('Call +44 20 7946 0958 or +14155552671 or +33 6 12 34 56 78 or 0044 20 7946 0958.'), ['+44 20 7946 0958', '+14155552671', '+33 6 12 34 56 78', '0044 20 7946 0958']);
  });

  it('E.164 written in groups with any mix of space, dash and dot, and a (0) trunk marker (ITU-T E.123)', () => {
    const numbers = [
      '+54 9 11 4567-8901', '+1 646 213-4480', '+54 11 4567-8901', '+54 9 351 456-7890', '+55 11 91234-5678',
      '+44 7911 123456', '+44 (0) 7911 123456', '+44 (0)161 496 0123', '+49 30 12345678', '+49 151 23456789', '+49 30.1234-5678',
    ];
    for (const n of numbers) assert.deepEqual(texts(`tel. ${n}, thanks`), [n], n);
    // E.164 §6: at most 15 digits with the country code; more is no number.
    assert.deepEqual(texts('+49 151 2345 6789 0123'), []);
    // The NANP's fictional 555-01XX stays fictional in any writing.
    assert.deepEqual(texts('+1 202 555-0143'), []);
  });

  it('a number after a word that names it (invoice, order, ref, claim, #, no.) is not a phone; after "phone no." it is', () => {
    for (const l of ['Invoice 0012-3456-7890', 'Ref 1234-5678-9012', 'Order #100023456789', 'order no. 0044 20 7946 0958', 'claim 0612 345 678', 'Invoice No. 0612 345 678', 'PO: 415-308-2671', 'ticket # 06 12 34 56 78']) {
      assert.deepEqual(found(l), [], l);
    }
    assert.deepEqual(texts('Phone no. 0612 345 678; tel. no: +44 20 7946 0958'), ['0612 345 678', '+44 20 7946 0958']);
  });

  it('national forms: NANP (NXX) NXX-XXXX, NXX-NXX-XXXX, NXX.NXX.XXXX, trunk-0 numbers in groups', () => {
    assert.deepEqual(texts('tel. (415) 308-2671, 415-308-2671, 415.308.2671, 1-415-308-2671'), ['(415) 308-2671', '415-308-2671', '415.308.2671', '1-415-308-2671']);
    assert.deepEqual(texts('UK 020 7946 0958, FR 06 12 34 56 78, FR 06.12.34.56.78, DE (030) 1234567'), ['020 7946 0958', '06 12 34 56 78', '06.12.34.56.78', '(030) 1234567']);
  });

  it('NANP 555-0100 to 555-0199 (fictional) and all-zero numbers are placeholders', () => {
    assert.deepEqual(found('(202) 555-0143, +1 202 555 0100, 415-555-0199, +00 0000 000000, 000-000-0000'), []);
    assert.deepEqual(texts('415-555-0200'), ['415-555-0200']);
  });

  it('dates, times, versions, ids, amounts, order numbers and IP addresses are not phones', () => {
    const lookalikes = [
      '2024-05-21', '2025-04-07 13:05', '24/05/2023', '01.02.2023 10:30', 'v2.14.3.1007', '2.14.3.1007',
      '3f2b9c1e-8d4a-4c6b-9e2f-1a7b5c3d9e0f', '12345678-1234-1234-1234-123456789012', '1716580800', '0612345678',
      'Total 1 234 567,89 EUR', '$1,234,567.89', 'Order #100-555-2398', 'PO NW-PO-5510212345', 'INV-2025-0412-0001',
      'ref 123 456 7890', '192.168.100.200', '010.020.030.040', 'ISBN 978-3-16-148410-0', '1.2.3.4.5.6.7.8.9',
      // A signed decimal (a coordinate) and an ISO 8601 §4.1.2.4 expanded date carry a + too.
      'lat +34.603722, lon +58.381592', '+2024-05-24', '+002024-05-24',
    ];
    for (const l of lookalikes) assert.deepEqual(found(l), [], l);
  });
});

describe('placeholders', () => {
  it('REDACTED in any case, [redacted], ***, xxxx, <token>, {{token}}, ${TOKEN}, all-zero or all-x numbers', () => {
    for (const p of [REDACTED, 'redacted', '[REDACTED]', '***', '••••', 'xxxx', 'XXXXXXXX', '<token>', '<YOUR_API_KEY>', '{{token}}', '${TOKEN}', '000-000-0000', 'xxx-xxx-xxxx', '+00 00 0000 0000', '']) {
      assert.ok(isRedacted(p), p);
    }
    for (const v of ['hunter22', 'REDACTEDx9', 'x9xx', '<a>b', '0000-1234', 'xx']) assert.ok(!isRedacted(v), v);
    for (const p of ['YOUR_API_KEY', 'your-api-key', '<your password>', 'changeme', 'CHANGEME']) assert.ok(isRedacted(p), p);
    // RFC 5322 §3.4 angle-addr: an address in angle brackets is an address, not a placeholder.
    for (const v of ['<dana.whitfield@northwind-logistics.com>', '<a.b>', 'yours-truly', 'changemenow']) assert.ok(!isRedacted(v), v);
  });

  it('an address that is the whole value in angle brackets is found', () => {
    assert.deepEqual(found('<dana.whitfield@northwind-logistics.com>'), [['personal-data', 'email', 'dana.whitfield@northwind-logistics.com']]);
  });

  it('a whole value that is a placeholder gives no span', () => {
    assert.deepEqual(found('[redacted]'), []);
    assert.deepEqual(found('000-000-0000'), []);
  });
});
