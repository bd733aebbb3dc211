// Answers to provider functions (invokes) under the mocks, from the clouds' tables
// (checker/emulation/<cloud>.ts). An invoke no table knows is answered with every field of its result
// unknown, as far as the SDK's declarations tell them (invoke-results.ts), else empty; the recorder notes
// its token for the report either way.
import { tables } from "./emulation/tables";
import type { InvokeAnswer } from "./emulation/table";
import { resultFieldsOf, unknownSentinel } from "./invoke-results";
import type { MockIdentity, RegistrationSink } from "./mocks";

const answers: Readonly<Record<string, InvokeAnswer>> = Object.assign({}, ...tables.map(t => t.invokes));

/** `programDir`: the checked program's folder, whose SDK declares the result of a function no table answers. */
export function answerInvoke(token: string, inputs: Record<string, any>, config: Record<string, string>, identity: MockIdentity,
    sink: RegistrationSink, programDir?: string): Record<string, unknown> {
    // A versioned Azure module (`azure-native:containerservice/v20190601:...`) answers as its unversioned one.
    const answer = answers[token] ?? answers[token.replace(/^(azure-native:\w+)\/v\w+:/, "$1:")];
    if (answer) return answer(inputs, config, identity);
    sink.unknownInvoke(token);
    // Unknown, not absent: an absent field reads as unset, which a rule may take for its safe default.
    return Object.fromEntries((resultFieldsOf(token, programDir) ?? []).map(field => [field, unknownSentinel]));
}
