// Original file: proto/millrace/v1/admin.proto


/**
 * ListNodesRequest is the input of ListNodes.
 */
export interface ListNodesRequest {
}

/**
 * ListNodesRequest is the input of ListNodes.
 */
export interface ListNodesRequest__Output {
}
