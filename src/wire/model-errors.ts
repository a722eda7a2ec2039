// Builds a service's modelled error (e.g. IAM's NoSuchEntityException → code NoSuchEntity, HTTP 404) from
// the model, so services name the shape and the model supplies the wire code and status.
import { AwsError } from './errors.js';
import type { ServiceModel } from './models.js';

export function modelError(model: ServiceModel, shapeName: string, message: string): AwsError {
  const shape = model.shapes[shapeName];
  if (!shape || !shape.exception) throw new Error(`${model.name} has no exception shape ${shapeName}`);
  const e = shape.error;
  return new AwsError(e?.code ?? shapeName, message, {
    status: e?.httpStatusCode ?? (shape.error?.senderFault === false ? 500 : 400),
    senderFault: e?.senderFault ?? true,
  });
}
