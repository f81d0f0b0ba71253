## Біргеміз — русский

language-name-kk = Қазақша
language-name-ru = Русский
language-name-en = English
choose-language = Тілді таңдаңыз / Выберите язык / Choose a language:
language-changed = Теперь бот говорит по-русски.

## Меню команд

command-start = Регистрация и начало
command-profile = Мой профиль
command-language = Сменить язык
command-help = Справка
command-cancel = Прервать форму
command-requests = Заявки на добавление школ
command-grant = Назначить роль

## Регистрация

welcome =
    Здравствуйте! Я — <b>Біргеміз</b>, помощник профессионального сообщества педагогов.
    Здесь собраны онлайн-шеберханы (мастерские), методический час «Біз біргеміз» и сеть ведущих школ.
    Чтобы общаться на другом языке, нажмите кнопку ниже.
consent-text =
    Для регистрации нужно ваше согласие на обработку персональных данных (ФИО, школа, предметы).
    Данные используются в соответствии с Законом Республики Казахстан «О персональных данных и их защите» только для организации шеберхан и методической работы и не передаются третьим лицам.
    Вы согласны?
consent-agree = ✅ Согласен(на)
consent-decline = Не согласен(на)
consent-declined = Понятно. Без согласия мы не можем вас зарегистрировать, поэтому никаких данных о вас не сохранено. Если передумаете, отправьте /start.
consent-accepted = Спасибо! Согласие принято.
ask-full-name = Напишите полностью фамилию, имя и отчество, например: <i>Ахметова Айгуль Сериковна</i>.
ask-region = Выберите область:
ask-district = { $region }: выберите район или город:
ask-school =
    { $district }: выберите школу (страница { $page } из { $pages }).
    Если не нашли в списке, напишите одно-два слова из названия, например: <i>Абай</i> или <i>№7</i>.
ask-school-name = Напишите полное название вашей школы. Координатор проверит его и добавит в справочник.
school-search-empty = По запросу «{ $query }» школ не найдено. Попробуйте другие слова или нажмите «Моей школы нет в списке».
school-search-results = Найдено школ: { $count }. Выберите свою:
ask-subjects = Какие предметы вы ведёте? Отметьте один или несколько и нажмите «Готово».
subjects-too-many = Можно отметить не больше { $max } предметов.
subjects-none = Отметьте хотя бы один предмет.
directory-empty = Справочник школ ещё не заполнен. Обратитесь к координатору или отправьте /start позже.
registration-done = Регистрация завершена, { $name }! Добро пожаловать в сообщество Біргеміз.
registration-continue = Продолжим регистрацию с того места, где вы остановились.
registration-restart = Данные регистрации сохранились не полностью. Чтобы начать заново, отправьте /start.
welcome-back = С возвращением, { $name }! Список команд: /help
deeplink-unknown = Эта ссылка недействительна или устарела. Список команд: /help
menu =
    Что можно сделать:
    /sessions — ближайшие занятия шеберхан и запись на них
    /my — мои занятия
    /materials — архив материалов
    /profile — ваш профиль: ФИО, школа, предметы
    /language — сменить язык
    /help — справка
    /cancel — прервать любую форму

## Кнопки

button-back = ⬅️ Назад
button-school-missing = Моей школы нет в списке
button-all-schools = 📋 Все школы
button-done = ✅ Готово
button-approve = ✅ Добавить в справочник
button-reject = ❌ Отклонить

## Профиль

profile-card =
    <b>Мой профиль</b>
    ФИО: { $name }
    Область: { $region }
    Район / город: { $district }
    Школа: { $school }
    Предметы: { $subjects }
    Роли: { $roles }
    Язык: { $language }
    Дата регистрации: { $registered }
profile-none = не указано
profile-school-pending = { $school } (на проверке у координатора)
profile-not-registered = Вы ещё не зарегистрированы. Чтобы зарегистрироваться, отправьте /start.
profile-updated = ✅ Изменения сохранены.
profile-edit-name = ✏️ ФИО
profile-edit-school = 🏫 Школа
profile-edit-subjects = 📚 Предметы
profile-edit-language = 🌐 Язык

## Роли

role-teacher = учитель
role-leader = руководитель шеберханы
role-methodist = методист
role-coordinator = координатор
role-admin = администратор
grant-usage = Напишите так: <code>/grant ID РОЛЬ</code>, например <code>/grant 123456789 leader</code>. Роли: leader — руководитель шеберханы, methodist — методист, coordinator — координатор.
grant-not-allowed = Вы не можете назначить роль «{ $role }».
grant-unknown-user = Зарегистрированного пользователя с таким ID нет: человек сначала должен зарегистрироваться в боте.
grant-done = Роль назначена: { $role }.
grant-already = У этого пользователя уже есть роль «{ $role }».
grant-notice = Вам назначена новая роль: { $role }. Меню команд обновлено, справка: /help
grant-ask-user = Напишите Telegram ID человека, которому назначаете роль (только цифры, например 123456789). Он должен быть зарегистрирован в боте.
grant-id-invalid = ID состоит только из цифр, например 123456789. Напишите ещё раз.
grant-ask-role = { $name }: какую роль назначаем?
grant-confirm = { $name } получит роль «{ $role }». Подтверждаете?
grant-confirm-button = ✅ Назначить роль

## Заявки на добавление школ

school-request-new =
    <b>Заявка №{ $id }</b>: добавить школу в справочник
    Учитель: { $name }
    Район / город: { $place }
    Название школы: { $school }
school-requests-none = Нерассмотренных заявок нет.
school-request-approved = «{ $school }» добавлена в справочник, учитель уведомлён.
school-request-rejected = Заявка по «{ $school }» отклонена, учитель уведомлён.
school-request-teacher-approved = Хорошая новость: «{ $school }» добавлена в справочник и записана в ваш профиль.
school-request-teacher-rejected = Ваша заявка по «{ $school }» отклонена. Попробуйте найти школу в списке через /profile или напишите координатору.
school-request-sent = Заявка на добавление вашей школы в справочник отправлена координаторам. Мы сообщим, когда будет решение.

## Отмена, справка

cancel-nothing = Прерывать нечего. Список команд: /help
cancel-done = Форма прервана, профиль не изменён.
cancel-done-unregistered = Регистрация прервана. Чтобы начать заново, отправьте /start.
help =
    <b>Біргеміз</b> — бот профессионального сообщества педагогов: региональные онлайн-шеберханы, методический час «Біз біргеміз», сеть ведущих школ.
    /sessions — ближайшие занятия
    /my — мои занятия
    /checkin КОД — отметиться на занятии
    /materials — архив материалов
    /start — регистрация
    /profile — мой профиль
    /language — сменить язык
    /cancel — прервать форму
help-leader =
    <b>Руководителю шеберханы:</b>
    /propose — предложить шеберхану
    /myworkshops — мои шеберханы: занятия, посещаемость, материалы
    /feedback НОМЕР — обратная связь по занятию
help-coordinator =
    <b>Координатору:</b>
    /broadcast — сделать рассылку
    /broadcasts — прошлые рассылки
    /requests — заявки на добавление школ
    /grant ID РОЛЬ — назначить роль (leader — руководитель шеберханы, methodist — методист, coordinator — координатор)

## Ошибки

error-full-name = Напишите ФИО хотя бы из двух слов, без цифр, например: <i>Ахметова Айгуль Сериковна</i>.
error-school-name = Название школы должно быть от 5 до 200 символов. Напишите полное название ещё раз.
error-stale-button = Эта кнопка устарела. Пользуйтесь кнопками из последнего сообщения.
error-permission = У вас нет прав на это действие.
error-not-found = Запись не найдена: возможно, она изменилась или удалена. Попробуйте начать заново.
error-already-decided = По этой заявке решение уже принято.
error-invalid-input = Значение введено неверно. Попробуйте ещё раз.
error-generic = Действие не выполнено. Попробуйте ещё раз.
error-unknown-command = Такой команды нет. Список команд: /help
error-expected-text = На этом шаге нужен текст. Отправьте ответ сообщением.
error-expected-button = Выберите одну из кнопок выше. Чтобы прервать форму: /cancel
error-private-only = Я работаю в личном чате: откройте https://t.me/{ $bot } и отправьте /start.
error-not-registered = Сначала зарегистрируйтесь: отправьте /start.
error-not-understood = Не понял. Список команд: /help
error-edited = Изменённые сообщения я не читаю. Отправьте новое сообщение.
error-unexpected = Извините, что-то пошло не так. Попробуйте чуть позже; если ошибка повторится, отправьте /cancel и начните сначала.

## Дата и время (Asia/Almaty)

date-full = { $day } { $month } { $year } г.
date-time = { $day } { $month }, { $time }
month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря

## Рассылки (координатору)

command-broadcast = Сделать рассылку
command-broadcasts = Прошлые рассылки
audience-all = Все учителя
audience-region = Область
audience-district = Район / город
audience-school = Школа
audience-role = Роль
audience-subject = Предмет
broadcast-compose = Пришлите сообщение для рассылки: текст, фото, документ или видео. Получатели увидят его копию в точности. Прервать: /cancel
broadcast-unsupported = Опросы, геолокацию и контакты рассылать нельзя. Пришлите текст, фото, документ или видео.
broadcast-audience = Кому отправляем?
broadcast-pick-region = Выберите область:
broadcast-pick-district = { $place }: выберите район или город:
broadcast-pick-school = { $place }: выберите школу:
broadcast-pick-role = Выберите роль:
broadcast-pick-subject = Выберите предмет:
broadcast-preview-below = Так рассылка будет выглядеть у получателей:
broadcast-confirm = Получатели: { $audience }. Всего человек: { $count }. Отправляем?
broadcast-send = ✅ Отправить
broadcast-discard = ❌ Отменить
broadcast-discarded = Рассылка не отправлена.
broadcast-started = Рассылка №{ $id } идёт: получателей { $count }. Ход рассылки — в этом сообщении.
broadcast-stop = ⏹ Остановить
broadcast-stopping = Рассылка остановлена, не будет отправлено сообщений: { $count }.
broadcast-progress =
    Рассылка №{ $id } идёт
    Доставлено: { $sent } из { $total }
    Заблокировали бота: { $blocked }
    Не доставлено: { $failed }
    Осталось: { $left }
    Скорость: { $rate } сообщ./с
broadcast-finished =
    Рассылка №{ $id } завершена
    Доставлено: { $sent } из { $total }
    Заблокировали бота: { $blocked }
    Не доставлено: { $failed }
broadcast-cancelled =
    Рассылка №{ $id } остановлена
    Доставлено: { $sent } из { $total }
    Заблокировали бота: { $blocked }
    Не доставлено: { $failed }
broadcasts-none = Рассылок ещё не было. Начать новую: /broadcast
broadcasts-title = <b>Последние рассылки</b>
broadcasts-line = №{ $id }, { $when } — { $audience }: доставлено { $sent }, заблокировали { $blocked }, не доставлено { $failed }, осталось { $left }
audience-session = Участники занятия
audience-workshop = Участники шеберханы
audience-group-registered = Все записавшиеся
audience-group-attended = Присутствовавшие
audience-group-absent = Записались, но не пришли
broadcast-pick-session = Выберите занятие:
broadcast-pick-workshop = Выберите шеберхану:
broadcast-pick-group = Каким участникам отправляем?
broadcast-no-sessions = Нет занятий, которые можно выбрать.
broadcast-no-workshops = Открытых шеберхан пока нет.
person-unnamed = Имя не указано (id { $id })
