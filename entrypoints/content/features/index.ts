import type { Feature } from '../feature';
import { bulkTagging } from './bulk-tagging';
import { chatProfile } from './chat-profile';
import { customerPage } from './customer-page';
import { orderDetail } from './order-detail';
import { orderListChips } from './order-list-chips';

/** Every content feature, one line each; remove a line and the feature is gone. */
export const FEATURES: readonly Feature[] = [orderListChips, bulkTagging, orderDetail, customerPage, chatProfile];
