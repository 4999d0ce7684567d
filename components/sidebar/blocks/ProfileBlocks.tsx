import type { Contact } from '@/lib/domain/contact';
import { ContactDataBlock } from './ContactDataBlock';
import { GeneralBlock } from './GeneralBlock';
import { RelationalBlock } from './RelationalBlock';
import { SegmentationBlock } from './SegmentationBlock';
import { TransactionsBlock } from './TransactionsBlock';

/** The five blocks of the customer record, each expandable; only opened blocks load anything. */
export function ProfileBlocks({ contact }: { contact: Contact }) {
  return (
    <div className="ficha-blocks">
      <GeneralBlock contact={contact} />
      <ContactDataBlock contact={contact} />
      <SegmentationBlock contact={contact} />
      <TransactionsBlock contact={contact} />
      <RelationalBlock contact={contact} />
    </div>
  );
}
