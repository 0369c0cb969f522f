import { useFrame } from '../context.ts';
import { REASON_KEY, sentences } from '../i18n.ts';
import type { LeaveTarget } from '../models/leave-message.ts';
import type { TopicOffer } from '../models/queue-status.ts';
import { Composer } from './Composer.tsx';
import { LeaveMessageForm } from './LeaveMessageForm.tsx';
import { Transcript } from './Transcript.tsx';

/**
 * A topic is picked and nothing is written yet: the panel names the topic and offers
 * what the department takes now — chat, a message instead, or neither.
 */
export function TopicPanel({ topic }: { topic: string }) {
  const { site, chat, queue, leave, locale } = useFrame();
  const name = site.departmentName(topic, locale);
  const offer = queue.offered.value;
  const target: LeaveTarget = { department: topic, conversationId: null };
  if (offer.kind === 'leave') {
    return (
      <LeaveMessageForm
        target={target}
        reason={offer.reason}
        topicName={name}
        cancel={{ label: 'changeTopic', run: chat.changeTopic }}
      />
    );
  }
  const chosen = leave.chosen.value;
  if (chosen && chosen.conversationId === null && chosen.department === topic) {
    return (
      <LeaveMessageForm
        target={target}
        reason="no_agent_online"
        topicName={name}
        cancel={{ label: 'backToChat', run: leave.close }}
      />
    );
  }
  return (
    <>
      <Transcript intro={<TopicIntro name={name} offer={offer} target={target} />} />
      {offer.kind === 'chat' && <Composer />}
    </>
  );
}

function TopicIntro(props: { name: string; offer: TopicOffer; target: LeaveTarget }) {
  const { name, offer, target } = props;
  const { chat, leave, locale, t } = useFrame();
  return (
    <section class="intro" aria-labelledby="topic-name">
      <h2 id="topic-name" class="intro-title">
        {name}
      </h2>
      {offer.kind === 'refused' ? (
        <p class="lead" role="alert">
          {sentences(locale, t(REASON_KEY[offer.reason]), t('comeBackLater'))}
        </p>
      ) : offer.kind === 'chat' && offer.leaveOffered ? (
        // Nobody to promise a reply from: say so, and offer the two ways on.
        <div class="offer">
          <p>{sentences(locale, t('noAgentOnline'), t('leaveOrWrite'))}</p>
          <button type="button" class="secondary" onClick={() => leave.open(target)}>
            {t('leaveMessage')}
          </button>
        </div>
      ) : (
        <p class="lead">{t('topicPrompt')}</p>
      )}
      {!chat.drafting.value && (
        <button type="button" class="link" onClick={chat.changeTopic}>
          {t('changeTopic')}
        </button>
      )}
    </section>
  );
}
