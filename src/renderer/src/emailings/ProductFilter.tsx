import { type Product, productLabels, products } from '../../../shared/schemas/product';

interface Props {
  /** Undefined shows both products. */
  value: Product | undefined;
  onChange: (product: Product | undefined) => void;
}

/** Which product's emailings the list shows: both, Publisher's or Marketing Suite's. */
export function ProductFilter({ value, onChange }: Props) {
  const choices: { product: Product | undefined; label: string }[] = [
    { product: undefined, label: 'All' },
    ...products.map((product) => ({ product, label: productLabels[product] })),
  ];
  return (
    <div className="segmented product-filter" role="group" aria-label="Product">
      {choices.map(({ product, label }) => (
        <button key={label} type="button" aria-pressed={value === product} onClick={() => onChange(product)}>
          {label}
        </button>
      ))}
    </div>
  );
}

/** The badge that marks an emailing's product in the list and the emailing's header. */
export function ProductBadge({ product }: { product: Product | undefined }) {
  const which = product ?? 'publisher';
  return <span className={`badge badge-product-${which}`}>{productLabels[which]}</span>;
}
