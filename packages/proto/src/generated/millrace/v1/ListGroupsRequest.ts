// Original file: proto/millrace/v1/admin.proto

import type { GroupKind as _millrace_v1_GroupKind, GroupKind__Output as _millrace_v1_GroupKind__Output } from '../../millrace/v1/GroupKind.js';
import type { PageRequest as _millrace_v1_PageRequest, PageRequest__Output as _millrace_v1_PageRequest__Output } from '../../millrace/v1/PageRequest.js';

/**
 * ListGroupsRequest is the input of ListGroups.
 */
export interface ListGroupsRequest {
  /**
   * Only groups of this kind; UNSPECIFIED lists every kind.
   */
  'kind'?: (_millrace_v1_GroupKind);
  /**
   * Only groups with a replica on this node; 0 lists groups on every node.
   */
  'nodeId'?: (number);
  /**
   * Only groups of this queue, topic or stream; empty lists all.
   */
  'resourceName'?: (string);
  /**
   * Which page to return; at most 1000 groups per page, 100 by default.
   */
  'page'?: (_millrace_v1_PageRequest | null);
}

/**
 * ListGroupsRequest is the input of ListGroups.
 */
export interface ListGroupsRequest__Output {
  /**
   * Only groups of this kind; UNSPECIFIED lists every kind.
   */
  'kind': (_millrace_v1_GroupKind__Output);
  /**
   * Only groups with a replica on this node; 0 lists groups on every node.
   */
  'nodeId': (number);
  /**
   * Only groups of this queue, topic or stream; empty lists all.
   */
  'resourceName': (string);
  /**
   * Which page to return; at most 1000 groups per page, 100 by default.
   */
  'page': (_millrace_v1_PageRequest__Output | null);
}
