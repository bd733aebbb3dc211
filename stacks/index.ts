// The Pulumi program: one hospital per stack (stacks/Pulumi.<hospital>.yaml). Pulumi runs an exported
// function and makes its result the stack outputs.
import { hospitalProgram } from "./program";

export = hospitalProgram;
