import { type v1 } from "@millrace/proto";

const groupsPageDefault = 100;
const groupsPageMax = 1000;

/**
 * ListGroups' filters and paging over the groups this node hosts (in group id order): kind, a node holding
 * a replica, the resource name; pages of `max_results` (100 by default, at most 1000) continued by the
 * last group id of the previous page.
 */
export function listGroupsPage(
  request: v1.ListGroupsRequest__Output,
  all: { groups: v1.Group[] },
): v1.ListGroupsResponse {
  const max = Math.min(request.page?.maxResults || groupsPageDefault, groupsPageMax);
  const after = Number(request.page?.nextToken || "0");
  const matching = all.groups
    .filter((g) => request.kind === "GROUP_KIND_UNSPECIFIED" || g.kind === request.kind)
    .filter((g) => request.nodeId === 0 || (g.replicas ?? []).some((r) => r.nodeId === request.nodeId))
    .filter((g) => request.resourceName === "" || g.resourceName === request.resourceName)
    .filter((g) => Number(g.groupId) > after)
    .sort((a, b) => Number(a.groupId) - Number(b.groupId));
  const page = matching.slice(0, max);
  const more = matching.length > max;
  return { groups: page, page: { nextToken: more ? String(page[page.length - 1]?.groupId ?? "") : "" } };
}
