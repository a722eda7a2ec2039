// Instance metadata options (RunInstances MetadataOptions, ModifyInstanceMetadataOptions) with EC2's
// validation: HttpTokens optional|required, HttpEndpoint enabled|disabled, hop limit 1..64.
import type { MetadataOptions } from './model.js';
import { invalidParameterValue } from './errors.js';

export interface MetadataOptionsInput {
  HttpTokens?: string;
  HttpPutResponseHopLimit?: number;
  HttpEndpoint?: string;
  HttpProtocolIpv6?: string;
  InstanceMetadataTags?: string;
}

function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  current: T,
): T {
  if (value === undefined) return current;
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidParameterValue(
      `Value (${value}) for parameter ${name} is invalid. Allowed values are: ${allowed.join(', ')}`,
    );
  }
  return value as T;
}

export function checkMetadataOptions(
  current: MetadataOptions,
  input: MetadataOptionsInput | undefined,
): MetadataOptions {
  if (!input) return { ...current };
  const hop = input.HttpPutResponseHopLimit;
  if (hop !== undefined && (!Number.isInteger(hop) || hop < 1 || hop > 64)) {
    throw invalidParameterValue(
      `Value (${hop}) for parameter HttpPutResponseHopLimit is invalid. The value must be between 1 and 64.`,
    );
  }
  return {
    httpTokens: oneOf('HttpTokens', input.HttpTokens, ['optional', 'required'] as const, current.httpTokens),
    httpEndpoint: oneOf(
      'HttpEndpoint',
      input.HttpEndpoint,
      ['enabled', 'disabled'] as const,
      current.httpEndpoint,
    ),
    httpPutResponseHopLimit: hop ?? current.httpPutResponseHopLimit,
    httpProtocolIpv6: oneOf(
      'HttpProtocolIpv6',
      input.HttpProtocolIpv6,
      ['enabled', 'disabled'] as const,
      current.httpProtocolIpv6,
    ),
    instanceMetadataTags: oneOf(
      'InstanceMetadataTags',
      input.InstanceMetadataTags,
      ['enabled', 'disabled'] as const,
      current.instanceMetadataTags,
    ),
  };
}
