// Original file: proto/millrace/v1/admin.proto

import type { Group as _millrace_v1_Group, Group__Output as _millrace_v1_Group__Output } from '../../millrace/v1/Group.js';
import type { PageResponse as _millrace_v1_PageResponse, PageResponse__Output as _millrace_v1_PageResponse__Output } from '../../millrace/v1/PageResponse.js';

/**
 * ListGroupsResponse is the output of ListGroups.
 */
export interface ListGroupsResponse {
  /**
   * The groups on this page, in group id order.
   */
  'groups'?: (_millrace_v1_Group)[];
  /**
   * How to get the next page.
   */
  'page'?: (_millrace_v1_PageResponse | null);
}

/**
 * ListGroupsResponse is the output of ListGroups.
 */
export interface ListGroupsResponse__Output {
  /**
   * The groups on this page, in group id order.
   */
  'groups': (_millrace_v1_Group__Output)[];
  /**
   * How to get the next page.
   */
  'page': (_millrace_v1_PageResponse__Output | null);
}
