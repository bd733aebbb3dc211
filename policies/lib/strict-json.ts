// JSON as a reviewer reads it. JSON.parse keeps the last of two equal keys in silence, so
// {"all": "mandatory", ..., "all": "disabled"} is read as disabled while a reviewer sees mandatory:
// a key given twice in one object is refused, naming where.

export class DuplicateKeyError extends Error {}

/** JSON.parse, refusing a key repeated in one object (DuplicateKeyError names its path). */
export function parseJsonStrict(text: string): unknown {
    const value: unknown = JSON.parse(text);
    const duplicate = firstDuplicateKey(text);
    if (duplicate) throw new DuplicateKeyError(`the key ${duplicate} is given twice; JSON keeps only the last, so say each key once`);
    return value;
}

interface Frame { keys: Set<string> | null; key: string; index: number }

/** The path of the first key repeated in an object, or undefined. `text` is valid JSON (JSON.parse took it). */
function firstDuplicateKey(text: string): string | undefined {
    const stack: Frame[] = [];
    let expectKey = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        const top = stack[stack.length - 1];
        if (c === '"') {
            const end = stringEnd(text, i);
            if (top?.keys && expectKey) {
                // Decoded, so "\u0061ll" and "all" are the same key, as JSON.parse sees them.
                const key = JSON.parse(text.slice(i, end + 1)) as string;
                if (top.keys.has(key)) return pathOf(stack.slice(0, -1)) + step(key, stack.length === 1);
                top.keys.add(key);
                top.key = key;
                expectKey = false;
            }
            i = end;
        } else if (c === "{") {
            stack.push({ keys: new Set(), key: "", index: 0 });
            expectKey = true;
        } else if (c === "[") {
            stack.push({ keys: null, key: "", index: 0 });
        } else if (c === "}" || c === "]") {
            stack.pop();
        } else if (c === "," && top) {
            if (top.keys) expectKey = true; else top.index++;
        }
    }
    return undefined;
}

/** The index of the quote that ends the string starting at `start`. */
function stringEnd(text: string, start: number): number {
    for (let i = start + 1; i < text.length; i++) {
        if (text[i] === "\\") i++;
        else if (text[i] === '"') return i;
    }
    return text.length;
}

function pathOf(frames: Frame[]): string {
    return frames.map((f, i) => (f.keys ? step(f.key, i === 0) : `[${f.index}]`)).join("");
}

function step(key: string, first: boolean): string {
    return first || !/^[A-Za-z_$][\w$]*$/.test(key) ? `${first ? "" : "."}${JSON.stringify(key)}` : `.${key}`;
}
