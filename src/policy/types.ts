/** Where vault data may go. */
export type Destination = "builtin" | "local-model" | "remote-model" | "export" | `mcp:${string}`;

/** What a sharing rule says for a field and a destination. */
export type Decision = "allow" | "ask" | "deny";
