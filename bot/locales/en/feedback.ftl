## Feedback (after a workshop session)

feedback-request =
    <b>Feedback</b>
    The session of the online workshop «{ $title }» has ended: { $topic } ({ $date }).
    Thank you for taking part! How useful was it for you? Rate it from 1 to 5 (1 — not useful, 5 — very useful).
feedback-request-event =
    <b>Feedback</b>
    The event has ended: { $topic } ({ $date }).
    Thank you for taking part! How useful was it for you? Rate it from 1 to 5 (1 — not useful, 5 — very useful).
feedback-nudge =
    A reminder: we are waiting for your feedback on the session of the online workshop «{ $title }» — { $topic } ({ $date }).
    It takes less than a minute: rate how useful the session was, from 1 to 5. Your answers help the workshop leader improve it.
feedback-nudge-event =
    A reminder: we are waiting for your feedback on the event — { $topic } ({ $date }).
    It takes less than a minute: rate how useful the event was, from 1 to 5.
feedback-ask-apply =
    Your score: { $score } / 5. Thank you!
    Will you apply the practice presented in your own teaching?
    Under the workshop's rules every teacher has the right not to adopt the practice presented, so «No» is an equally legitimate and valuable answer.
feedback-apply-yes = ✅ Yes, I will
feedback-apply-partly = 🔸 Partly
feedback-apply-no = ❌ No, I will not
feedback-ask-comment =
    If you like, write a comment in one message: what you liked, what could change, what questions remain (at most { $max } characters).
    If you would rather not, press «Skip».
feedback-skip = Skip
feedback-edit = ✏️ Change my answer
feedback-thanks = Thank you for your feedback! Your answer is saved. You can change it until { $until }.
feedback-comment-too-long = The comment is too long: { $length } characters, and at most { $max } are allowed. Shorten it and send it again, or press «Skip».
feedback-comment-expected-text = Please type your comment as text, or press «Skip».
feedback-not-open = Feedback opens when the session has ended.
feedback-closed = The feedback period is over: answers are taken for 7 days after the session ends.
feedback-not-participant = Only the teachers who took part in this session can give feedback on it.

## Feedback summary (for the workshop leader and coordinators)

feedback-summary-title = <b>Feedback</b>: { $session }, { $date }
feedback-summary-counts = Asked: { $asked }, answered: { $answered }
feedback-summary-no-answers = Nobody has answered yet.
feedback-summary-average = Average usefulness: <b>{ NUMBER($average, minimumFractionDigits: 1, maximumFractionDigits: 1) }</b> / 5
feedback-summary-scores = Scores:
feedback-summary-score = score { $score } — { $count }
feedback-summary-apply = Will apply it: yes — { $yes }, partly — { $partly }, no — { $no }
feedback-summary-no-comments = No comments were written.
feedback-summary-comments = <b>Comments</b> ({ $count }):
feedback-summary-anonymous = <i>The workshop leader sees comments without their authors' names.</i>
feedback-summary-truncated = <i>{ $count } more comments did not fit into the message.</i>
feedback-summary-usage = Write it like this: <code>/feedback SESSION_NUMBER</code>, for example <code>/feedback 12</code>.
