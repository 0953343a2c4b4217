// Original file: proto/millrace/v1/admin.proto


/**
 * GetClusterStatusRequest is the input of GetClusterStatus.
 */
export interface GetClusterStatusRequest {
}

/**
 * GetClusterStatusRequest is the input of GetClusterStatus.
 */
export interface GetClusterStatusRequest__Output {
}
