// Picks the codec for a service model's protocol.
import type { ServiceModel } from './models.js';
import type { ProtocolCodec } from './protocol.js';
import { queryCodec } from './query/codec.js';
import { ec2Codec } from './ec2query/codec.js';
import { jsonCodec } from './json/codec.js';

export function codecFor(model: ServiceModel): ProtocolCodec {
  switch (model.protocol) {
    case 'query':
      return queryCodec;
    case 'ec2':
      return ec2Codec;
    case 'json':
      return jsonCodec;
    default:
      throw new Error(`rolechain: no codec for protocol ${model.protocol} (${model.name})`);
  }
}
