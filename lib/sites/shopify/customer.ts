import { BuyerSighting } from '../../model/sighting';
import { customerIdOfUrl } from './detect';

/**
 * The customer page `/store/{shop}/customers/{id}`: its title is the customer's name, the id
 * is in the URL, and the contact card links the email and phone. Read by structure, never by
 * generated class names.
 */
export const customerRootSelector = 'main h1';

function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function extractCustomerPage(root: Element, url: URL): BuyerSighting | undefined {
  try {
    const id = customerIdOfUrl(url);
    const name = text(root);
    if (!id || !name) return undefined;
    const main = root.closest('main') ?? root.ownerDocument;
    const email = main.querySelector('a[href^="mailto:"]')?.getAttribute('href')?.slice('mailto:'.length).trim().toLowerCase();
    const phone = main.querySelector('a[href^="tel:"]')?.getAttribute('href')?.slice('tel:'.length).replace(/[^\d+]/g, '');
    const otherKeys = [email ? `email:${email}` : undefined, phone ? `phone:${phone}` : undefined].filter((k): k is string => !!k);
    const parsed = BuyerSighting.safeParse({ key: `customerId:${id}`, otherKeys, displayName: name });
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
