import { invalid } from "@millrace/gateway";
import { type v1 } from "@millrace/proto";

const groupsPageDefault = 100;
const groupsPageMax = 1000;

/**
 * ListGroups' filters and paging over the groups this node hosts (in group id order): kind, a node holding
 * a replica, the resource name; pages of `max_results` (100 by default, at most 1000) continued by the
 * last group id of the previous page. A larger page or a token that is no group id is refused, as the
 * proto promises: before, a bad token compared as NaN and answered an empty list, as if there were none.
 */
export function listGroupsPage(
  request: v1.ListGroupsRequest__Output,
  all: { groups: v1.Group[] },
): v1.ListGroupsResponse {
  const asked = request.page?.maxResults ?? 0;
  if (asked > groupsPageMax) throw invalid("page.max_results", `must be at most ${groupsPageMax}`);
  const token = request.page?.nextToken ?? "";
  if (!/^\d{0,20}$/.test(token)) throw invalid("page.next_token", "is not a token ListGroups gave");
  const max = asked || groupsPageDefault;
  const after = Number(token || "0");
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
