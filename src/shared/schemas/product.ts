import { z } from 'zod';

/**
 * Copernica's two products: Publisher ("HTML" emailings, `publisher/…`, in v4 `html/…`) and
 * Marketing Suite ("drag and drop" emailings, `ms/…`, in v4 `draganddrop/…`). Their emailing IDs
 * are separate: Publisher emailing 1001 and Marketing Suite emailing 1001 are two emailings.
 */
export const products = ['publisher', 'ms'] as const;
export const product = z.enum(products);
export type Product = z.infer<typeof product>;

/** How the screens and the CLI name each product. */
export const productLabels: Record<Product, string> = {
  publisher: 'Publisher',
  ms: 'Marketing Suite',
};
