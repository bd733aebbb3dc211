// AWS HealthImaging datastores, declared through CloudControl (gotcha G6: @pulumi/aws has no typed
// resource): `typeName` "AWS::HealthImaging::Datastore", `desiredState` JSON {DatastoreName, KmsKeyArn, Tags}.
import { readsAsAny } from "../../lib/inputs";
import { NotApplicable, notOfKind, PolicyResource } from "../../lib/rule";
import type { Unknown } from "../../lib/values";
import { desiredStateOf, CFN_HEALTHIMAGING_DATASTORE } from "./cloudcontrol";

export function isHealthImaging(r: PolicyResource): boolean {
    // However it is spelt: a near-miss of the type must not leave the datastore unjudged.
    return readsAsAny(r.props.typeName, CFN_HEALTHIMAGING_DATASTORE);
}

// Not of the kind the rule judges (rule.ts notOfKind): a CloudControl resource of another typeName is not judged, not "not applicable".
export const notHealthImaging: NotApplicable = notOfKind(`only a CloudControl resource of type ${CFN_HEALTHIMAGING_DATASTORE} is judged`);

/** The datastore's desired state as an object; UNKNOWN while it embeds unknown values (a key ARN at preview). */
export function healthImagingState(r: PolicyResource): Record<string, unknown> | Unknown {
    return desiredStateOf(r);
}
