// Answers to provider functions (invokes) under the mocks, from the clouds' tables
// (checker/emulation/<cloud>.ts). An invoke no table knows gets an empty but well-formed answer, and
// the recorder notes its token for the report.
import { tables } from "./emulation/tables";
import type { InvokeAnswer } from "./emulation/table";
import type { MockIdentity, RegistrationSink } from "./mocks";

const answers: Readonly<Record<string, InvokeAnswer>> = Object.assign({}, ...tables.map(t => t.invokes));

export function answerInvoke(token: string, inputs: Record<string, any>, config: Record<string, string>, identity: MockIdentity,
    sink: RegistrationSink): Record<string, unknown> {
    // A versioned Azure module (`azure-native:containerservice/v20190601:...`) answers as its unversioned one.
    const answer = answers[token] ?? answers[token.replace(/^(azure-native:\w+)\/v\w+:/, "$1:")];
    if (answer) return answer(inputs, config, identity);
    sink.unknownInvoke(token);
    return {};
}
