/** `vcluster-cors verify`, the pure part: the preflight to send, the file's prediction, and the comparison. */
export { VERIFY_PATH, verifyRequestHeaders, defaultVerifyUrl, defaultVerifyOrigin, predictVerifyPreflight } from './request';
export type { DefaultOrigin, VerifyPrediction } from './request';
export { compareVerify, VERIFY_CORS_HEADERS, VERIFY_SHOWN_HEADERS } from './compare';
export type { VerifyCompareInput, VerifyDifference, VerifyField, ObservedResponse, PredictedPreflight, VerifyCorsHeader } from './compare';
