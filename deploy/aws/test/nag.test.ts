import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_ARN, synthesize } from './synthesized.js';

const findings = (level: 'findError' | 'findWarning', options = {}) =>
  synthesize(options)
    .annotations[level]('*', Match.stringLikeRegexp('AwsSolutions-.*'))
    .map((finding) => `${finding.id}: ${String(finding.entry.data).split('\n')[0]}`);

describe('cdk-nag AwsSolutions checks', () => {
  it('leaves no unsuppressed error over HTTP', () => {
    expect(findings('findError')).toEqual([]);
  });
  it('leaves no unsuppressed warning over HTTP', () => {
    expect(findings('findWarning')).toEqual([]);
  });
  it('leaves no unsuppressed error or warning with a certificate', () => {
    const options = { certificateArn: CERTIFICATE_ARN };
    expect([...findings('findError', options), ...findings('findWarning', options)]).toEqual([]);
  });
});
