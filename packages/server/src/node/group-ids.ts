/** The meta group: the cluster's catalog and membership, on up to `metaVotersMax` nodes. */
export const metaGroupId = 1;
/** The cluster's default replicated log (LogService with group_id 0). */
export const defaultLogGroupId = 2;
/** Voters per group: enough for two failures; further nodes are not added to these groups. */
export const groupVotersMax = 5;
