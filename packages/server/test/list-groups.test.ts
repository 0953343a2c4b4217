import { type v1 } from "@millrace/proto";
import { describe, expect, it } from "vitest";
import { listGroupsPage } from "../src/node/list-groups.js";

const group = (id: number, kind: v1.GroupKind__Output, resourceName: string, nodes: number[]): v1.Group => ({
  groupId: String(id),
  kind,
  resourceName,
  replicas: nodes.map((nodeId) => ({ nodeId })),
});

const all = {
  groups: [
    group(4, "GROUP_KIND_QUEUE_PARTITION", "orders", [1, 2, 3]),
    group(1, "GROUP_KIND_META", "meta", [1, 2, 3]),
    group(3, "GROUP_KIND_QUEUE_PARTITION", "orders", [2, 3, 4]),
    group(2, "GROUP_KIND_LOG", "default-log", [1, 2, 3]),
    group(5, "GROUP_KIND_QUEUE_PARTITION", "jobs", [1, 3, 4]),
  ],
};
const request = (r: Partial<v1.ListGroupsRequest__Output>): v1.ListGroupsRequest__Output => ({
  kind: "GROUP_KIND_UNSPECIFIED",
  nodeId: 0,
  resourceName: "",
  page: null,
  ...r,
});
const ids = (response: v1.ListGroupsResponse) => response.groups?.map((g) => g.groupId);

describe("ListGroups filters and pages", () => {
  it("lists every group in id order without filters", () => {
    expect(ids(listGroupsPage(request({}), all))).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("filters by kind, by a node holding a replica and by resource", () => {
    expect(ids(listGroupsPage(request({ kind: "GROUP_KIND_QUEUE_PARTITION" }), all))).toEqual([
      "3",
      "4",
      "5",
    ]);
    expect(ids(listGroupsPage(request({ nodeId: 4 }), all))).toEqual(["3", "5"]);
    expect(ids(listGroupsPage(request({ resourceName: "orders" }), all))).toEqual(["3", "4"]);
  });

  it("pages by the last group id, ending with an empty token", () => {
    const first = listGroupsPage(request({ page: { maxResults: 2, nextToken: "" } }), all);
    expect(ids(first)).toEqual(["1", "2"]);
    const second = listGroupsPage(
      request({ page: { maxResults: 2, nextToken: first.page?.nextToken ?? "" } }),
      all,
    );
    expect(ids(second)).toEqual(["3", "4"]);
    const last = listGroupsPage(
      request({ page: { maxResults: 2, nextToken: second.page?.nextToken ?? "" } }),
      all,
    );
    expect(ids(last)).toEqual(["5"]);
    expect(last.page?.nextToken).toBe("");
  });

  it("refuses a page above 1000 or a token that is no group id, rather than answering an empty list", () => {
    const page = (maxResults: number, nextToken: string) => () =>
      listGroupsPage(request({ page: { maxResults, nextToken } }), all);
    expect(page(1001, "")).toThrow(expect.objectContaining({ details: { field: "page.max_results" } }));
    for (const token of ["abc", "-1", "1e3", "\uFFFD"]) {
      expect(page(2, token)).toThrow(expect.objectContaining({ details: { field: "page.next_token" } }));
    }
  });
});
