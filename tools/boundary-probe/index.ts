/** Imported by nothing real: the boundary guard lints probe imports of it from every layer. */
export const probe = 'boundary-probe';
