// Original file: proto/millrace/v1/common.proto


/**
 * FieldViolation names one rejected request field.
 */
export interface FieldViolation {
  /**
   * The path of the field in the request, in the proto field names, for example
   * "entries[3].delay_seconds".
   */
  'field'?: (string);
  /**
   * Why the value was rejected, including the allowed range where there is one.
   */
  'description'?: (string);
}

/**
 * FieldViolation names one rejected request field.
 */
export interface FieldViolation__Output {
  /**
   * The path of the field in the request, in the proto field names, for example
   * "entries[3].delay_seconds".
   */
  'field': (string);
  /**
   * Why the value was rejected, including the allowed range where there is one.
   */
  'description': (string);
}
