import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { BatchEntryError as _millrace_v1_BatchEntryError, BatchEntryError__Output as _millrace_v1_BatchEntryError__Output } from './millrace/v1/BatchEntryError.js';
import type { ErrorDetails as _millrace_v1_ErrorDetails, ErrorDetails__Output as _millrace_v1_ErrorDetails__Output } from './millrace/v1/ErrorDetails.js';
import type { FieldViolation as _millrace_v1_FieldViolation, FieldViolation__Output as _millrace_v1_FieldViolation__Output } from './millrace/v1/FieldViolation.js';
import type { LeaderHint as _millrace_v1_LeaderHint, LeaderHint__Output as _millrace_v1_LeaderHint__Output } from './millrace/v1/LeaderHint.js';
import type { MessageAttributeValue as _millrace_v1_MessageAttributeValue, MessageAttributeValue__Output as _millrace_v1_MessageAttributeValue__Output } from './millrace/v1/MessageAttributeValue.js';
import type { PageRequest as _millrace_v1_PageRequest, PageRequest__Output as _millrace_v1_PageRequest__Output } from './millrace/v1/PageRequest.js';
import type { PageResponse as _millrace_v1_PageResponse, PageResponse__Output as _millrace_v1_PageResponse__Output } from './millrace/v1/PageResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  millrace: {
    v1: {
      BatchEntryError: MessageTypeDefinition<_millrace_v1_BatchEntryError, _millrace_v1_BatchEntryError__Output>
      ErrorDetails: MessageTypeDefinition<_millrace_v1_ErrorDetails, _millrace_v1_ErrorDetails__Output>
      FieldViolation: MessageTypeDefinition<_millrace_v1_FieldViolation, _millrace_v1_FieldViolation__Output>
      LeaderHint: MessageTypeDefinition<_millrace_v1_LeaderHint, _millrace_v1_LeaderHint__Output>
      MessageAttributeValue: MessageTypeDefinition<_millrace_v1_MessageAttributeValue, _millrace_v1_MessageAttributeValue__Output>
      PageRequest: MessageTypeDefinition<_millrace_v1_PageRequest, _millrace_v1_PageRequest__Output>
      PageResponse: MessageTypeDefinition<_millrace_v1_PageResponse, _millrace_v1_PageResponse__Output>
    }
  }
}

