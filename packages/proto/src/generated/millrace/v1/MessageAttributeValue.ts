// Original file: proto/millrace/v1/common.proto


/**
 * MessageAttributeValue is one user-defined message attribute, with the SQS and SNS data types.
 */
export interface MessageAttributeValue {
  /**
   * "String", "Number", "Binary" or, on topics, "String.Array", each optionally followed by a custom
   * suffix after a dot ("Number.float", "Binary.png"). Case-sensitive, at most 256 characters.
   */
  'dataType'?: (string);
  /**
   * The value of String, Number and String.Array attributes (a String.Array holds a JSON array).
   */
  'stringValue'?: (string);
  /**
   * The value of Binary attributes.
   */
  'binaryValue'?: (Buffer | Uint8Array | string);
}

/**
 * MessageAttributeValue is one user-defined message attribute, with the SQS and SNS data types.
 */
export interface MessageAttributeValue__Output {
  /**
   * "String", "Number", "Binary" or, on topics, "String.Array", each optionally followed by a custom
   * suffix after a dot ("Number.float", "Binary.png"). Case-sensitive, at most 256 characters.
   */
  'dataType': (string);
  /**
   * The value of String, Number and String.Array attributes (a String.Array holds a JSON array).
   */
  'stringValue': (string);
  /**
   * The value of Binary attributes.
   */
  'binaryValue': (Buffer);
}
