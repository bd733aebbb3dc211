// Compliant building blocks of the AWS policy tests, as a component would register them.

export const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
