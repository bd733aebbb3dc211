// One loose reading of texts for every comparison a spelling could fool: the invisible characters a first
// version missed (direction marks, soft hyphen, Mongolian vowel separator, invisible operators) and a
// classification that is not exactly "phi" once made a store "not PHI".
import assert from "node:assert/strict";
import { mayHoldPhi } from "../../../policies/aws/support/tags";
import { isPublicMember } from "../../../policies/gcp/support/tokens";
import { looseForm } from "../../../policies/lib/inputs";
import type { PolicyResource } from "../../../policies/lib/rule";
import { tagPresence } from "../../../policies/lib/tags";

const hidden = ["\u200e", "\u200f", "\u00ad", "\u180e", "\u2061", "\u2064", "\u200b", "\ufeff", " "];
const bucket = (classification: string): PolicyResource => ({
    type: "aws:s3/bucket:Bucket", name: "b", urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b",
    props: { tags: { "data-classification": classification } }, opts: {},
});

describe("policies/lib/inputs looseForm: the one loose reading", () => {
    it("drops every invisible character and folds case and full-width letters", () => {
        for (const c of hidden) assert.equal(looseForm(`all${c}Users`), "allusers", JSON.stringify(c));
        assert.equal(looseForm("ＰＨＩ"), "phi");
    });
    it("a tag made only of invisible characters is absent, never present (TAGGING)", () => {
        for (const c of hidden) assert.equal(tagPresence(c), "absent", JSON.stringify(c));
        assert.equal(tagPresence("h1"), "present");
    });
    it("a public member spelled with a direction mark or soft hyphen is public (Google Cloud)", () => {
        for (const c of hidden) assert.equal(isPublicMember(`all${c}Users`), true, JSON.stringify(c));
    });
    it("only a store classified de-identified is not PHI: 'PHI-restricted', 'ph1', 'phi' with a direction mark all may hold PHI", () => {
        for (const v of ["phi", "phi\u200e", "PHI-restricted", "ph1", "phi,pii", "public", "", "\u200f"]) assert.equal(mayHoldPhi(bucket(v)), true, JSON.stringify(v));
        for (const v of ["deidentified", " De\u00adIdentified\u200e", "ＤＥＩＤＥＮＴＩＦＩＥＤ"]) assert.equal(mayHoldPhi(bucket(v)), false, JSON.stringify(v));
    });
});
