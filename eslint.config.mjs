// Lint: typescript-eslint's recommended rules; the type-checker (npm run typecheck) does the rest.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "test/fixtures/", ".cache/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": ["error", {
        paths: ["@pulumi/aws", "@pulumi/azure-native", "@pulumi/gcp"].map(name => ({
          name, message: "Import the provider submodule (e.g. @pulumi/aws/s3): the root costs seconds and a gigabyte to type-check.",
        })),
      }],
    },
  },
  { files: ["**/*.js", "**/*.cjs"], languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", process: "readonly", console: "readonly", __dirname: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" } },
);
