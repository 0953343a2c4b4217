export { fromServiceError, grpcStatusOf, toServiceError } from "./grpc-errors.js";
