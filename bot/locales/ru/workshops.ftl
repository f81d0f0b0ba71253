## Онлайн-шеберханы и их занятия

command-sessions = Ближайшие занятия
command-my = Мои занятия
command-propose = Предложить шеберхану
command-myworkshops = Мои шеберханы
command-checkin = Отметиться на занятии по коду

error-in-the-past = Это время уже прошло. Выберите будущие дату и время.
error-one-session-a-month = Шеберхана проходит раз в месяц: в этом месяце занятие уже есть. Если нужно дополнительное, напишите координатору — он может запланировать его сам.
error-session-closed = Это занятие уже началось или отменено.
error-workshop-not-approved = Занятия можно планировать только для шеберханы, одобренной методическим советом.

## Предложение

workshop-leaders-only = Это для руководителей шеберхан. Роль назначает координатор.
propose-title = Напишите название шеберханы (5–200 символов).
propose-title-invalid = Название должно быть от 5 до 200 символов. Напишите ещё раз.
propose-subject = Для какого предмета шеберхана?
workshop-subject-any = Для нескольких предметов
propose-method = Кратко опишите вашу авторскую методику: что вы предлагаете и какой результат она даёт (20–3000 символов).
propose-method-invalid = Описание должно быть от 20 до 3000 символов. Напишите ещё раз.
propose-audience = Для кого шеберхана? Напишите предметы и классы, например: <i>математика, 5–9 классы</i>.
propose-audience-invalid = Напишите от 3 до 300 символов, например: <i>математика, 5–9 классы</i>.
propose-plan = Пришлите годовой план работы: текстом или документом (PDF, Word).
propose-plan-invalid = Напишите план в 20–3500 символов или пришлите документом.
propose-sent = Предложение шеберханы «{ $title }» отправлено координаторам. Сообщим решение методического совета.
workshop-proposed =
    <b>Новое предложение шеберханы №{ $id }</b>
    Название: { $title }
    Руководитель: { $leader }
    Для кого: { $audience }
    Методика: { $method }
workshop-approve = ✅ Одобрить
workshop-reject = ❌ Отклонить
workshop-reject-reason = Напишите причину отказа по предложению «{ $title }»: её получит руководитель.
workshop-reject-reason-invalid = Напишите причину длиной от 3 до 500 символов.
workshop-approved-by-you = Шеберхана «{ $title }» одобрена, руководитель уведомлён.
workshop-rejected-by-you = Шеберхана «{ $title }» отклонена, руководителю отправлена причина.
workshop-approved = Поздравляем! Методический совет одобрил вашу шеберхану «{ $title }». Теперь можно планировать занятия: /myworkshops
workshop-rejected =
    Ваше предложение шеберханы «{ $title }» отклонено.
    Причина: { $reason }
    Можно исправить и предложить снова: /propose
workshops-none = У вас пока нет шеберхан. Предложить: /propose
workshops-mine = Ваши шеберханы:
workshop-card =
    <b>{ $title }</b> (№{ $id })
    Руководитель: { $leader }
    Для кого: { $audience }
    Методика: { $method }
    План работы: { $plan }
workshop-plan-attached = приложен документом
workshop-status-proposed = ⏳ Ждёт решения методического совета.
workshop-status-approved = ✅ Одобрена. Можно планировать одно занятие в месяц.
workshop-status-rejected = ✖️ Отклонена.
workshop-schedule = ➕ Запланировать занятие

## Планирование занятия

schedule-day = Когда пройдёт занятие шеберханы «{ $title }»? Выберите день в календаре.
schedule-time = { $day } { $month }. Во сколько начало? Выберите время или напишите его, например: <i>17:45</i> (по времени Астаны).
schedule-time-invalid = Напишите время так: <i>17:45</i>
schedule-duration = { $when }. Сколько длится занятие?
schedule-minutes = { $minutes } мин
schedule-place = Напишите онлайн-ссылку (Zoom, Google Meet…) или место проведения.
schedule-place-invalid = Напишите ссылку, начинающуюся с http:// или https://, или адрес длиной 3–300 символов.
schedule-capacity = Сколько мест? Выберите или напишите число.
schedule-unlimited = Без ограничений
schedule-capacity-invalid = Напишите число мест от 1 до 10000 или нажмите кнопку.
schedule-topic = Тема занятия? (3–300 символов)
schedule-topic-invalid = Напишите тему длиной от 3 до 300 символов.
schedule-done =
    Занятие «{ $topic }» запланировано.
    Ссылка для групп: { $link }

## Занятия (для учителя)

session-summary =
    <b>{ $title }</b>
    Тема: { $topic }
    Время: { $when } ({ $minutes } мин)
    Где: { $where }
session-link-after-signup = ссылка появится после записи
session-leader = Руководитель шеберханы: { $name }
session-seats-unlimited = Мест без ограничений, записались: { $registered }
session-seats-left = Свободных мест: { $left }
session-seats-full = Мест нет, в листе ожидания: { $waiting }
session-you-registered = ✅ Вы записаны.
session-you-waitlisted = ⏳ Вы в листе ожидания: место { $position }.
session-join = ✍️ Записаться
session-leave = Отказаться
session-manage = ⚙️ Управление
session-back-to-list = ⬅️ Список занятий
session-open = Открыть занятие
session-registered = Вы записаны на занятие!
session-waitlisted = Мест нет: вы в листе ожидания (место { $position }). Сообщим, если место освободится.
session-left = Вы отказались от занятия.
session-plan =
    <b>{ $title }</b>: план работы шеберханы
    { $plan }
session-plan-caption = { $title }: план работы шеберханы
session-ics-caption = Добавьте в календарь: { $when }
session-promoted =
    Освободилось место — теперь вы записаны на занятие!
    { $summary }
session-moved =
    Время занятия изменилось.
    { $summary }
session-cancelled =
    Занятие отменено.
    { $summary }
session-reminder-day =
    Напоминание: завтра занятие.
    { $summary }
session-reminder-hour =
    Напоминание: через час начинается занятие.
    { $summary }
sessions-none = Ближайших занятий нет.
sessions-title = <b>Ближайшие занятия</b> (страница { $page } из { $pages })
sessions-line =
    { $when } — <b>{ $title }</b>
    { $seats }
sessions-line-open = мест без ограничений
sessions-filter = Выберите предмет:
sessions-filter-button = 🔎 По предмету
sessions-all-subjects = Все предметы
my-none = Вы пока не записаны ни на одно занятие. Ближайшие занятия: /sessions
my-title = <b>Мои занятия</b>
my-line = { $when } — { $title }: { $state }
my-registered = записан(а)
my-waitlisted = в листе ожидания, место { $position }

## Управление занятием (для руководителя)

manage-figures =
    Записались: { $registered }, в листе ожидания: { $waiting }
    { $names }
manage-move = 🕒 Перенести
manage-cancel = ✖️ Отменить
manage-cancel-sure = Точно отменить занятие? Мы сообщим всем записавшимся.
manage-cancel-yes = Да, отменить
manage-cancelled = Занятие отменено.
manage-move-day = Занятие «{ $topic }» сейчас: { $when }. Выберите новый день в календаре.
manage-moved =
    Занятие перенесено.
    { $summary }
manage-told = Получат уведомление: { $count }
manage-attendance = 🧾 Отметить присутствие
manage-checkin = 🔢 Отметка по коду
manage-materials = 📎 Добавить материал
manage-feedback = 💬 Обратная связь
command-materials = Архив материалов
command-feedback = Обратная связь по занятию
