export * from "./generated/client.js";
export { withAccessToken, Session, type AccessTokenProvider, type HttpFetch, type SessionOptions, type SessionTokens } from "./auth.js";
export { problemOf, fieldErrors, ifMatch, type Problem } from "./problems.js";
