## Материалы: видеоуроки, конспекты, презентации, материалы экспертов (правила, 4.2)

materials-kind-video = Видеоурок
materials-kind-notes = Конспект урока
materials-kind-slides = Презентация
materials-kind-expert = Материал эксперта
materials-kind-link = Ссылка

## Добавление материала (руководитель шеберханы или координатор)

materials-target-workshop = Шеберхана «{ $workshop }»
materials-target-session = Шеберхана «{ $workshop }», занятие «{ $topic }» ({ $when })
materials-add-kind =
    <b>Добавление материала</b>
    { $target }
    Выберите вид материала. Прервать: /cancel
materials-ask-file = { $kind }: отправьте файл сюда — документ, видео или изображение. Прервать: /cancel
materials-ask-url = Отправьте ссылку: полный адрес, начинающийся с http:// или https://, например <i>https://youtu.be/...</i>. Прервать: /cancel
materials-ask-title = Напишите название материала (3–200 символов), например: <i>Конспект урока «Сравнение дробей»</i>.
materials-expected-file = На этом шаге нужен файл: документ, видео или изображение. Если ваш материал — ссылка, нажмите «Назад» и выберите вид «Ссылка».
materials-expected-url = На этом шаге нужна ссылка: отправьте текстом адрес, начинающийся с http:// или https://. Чтобы отправить файл, нажмите «Назад» и выберите другой вид.
materials-error-url = Ссылка не подходит: принимается только полный адрес, начинающийся с http:// или https://, например <i>https://youtu.be/...</i>. Отправьте ещё раз.
materials-error-title = Название должно быть от 3 до 200 символов. Напишите ещё раз.
materials-saved =
    ✅ Материал сохранён.
    { $kind }: { $title }
    { $target }
    Материалы одобренной шеберханы доступны всем педагогам в архиве: /materials

## Архив материалов

materials-archive =
    <b>Архив материалов</b>
    Видеоуроки, конспекты, презентации и материалы экспертов онлайн-шеберхан. Выберите шеберхану (страница { $page } из { $pages }).
    Для поиска напишите одно-два слова, например: <i>дроби конспект</i>.
materials-archive-empty = В архиве пока нет материалов. Руководители шеберхан публикуют здесь видеоуроки, конспекты и презентации после занятий.
materials-months =
    <b>{ $workshop }</b>
    Выберите месяц:
materials-month-button = Материалы { $month } { $year } г. ({ $count })
materials-month =
    <b>{ $workshop }</b> — материалы { $month } { $year } г.
    Нажмите кнопку, чтобы открыть материал:
materials-month-empty = В этом месяце материалов не осталось. Выберите другой месяц.
materials-line = { $number }. { $kind }: { $title }
materials-search-found = По запросу «{ $query }» найдено материалов: { $count }. Нажмите кнопку, чтобы открыть:
materials-search-line = { $number }. { $kind }: { $title } — { $workshop }
materials-search-empty = По запросу «{ $query }» материалов не найдено. Попробуйте другие слова или посмотрите архив по шеберханам: /materials
materials-expected-words = Для поиска напишите слова текстом, например: <i>видеоурок математика</i>.
materials-caption =
    <b>{ $title }</b>
    { $workshop }
materials-link =
    🔗 <a href="{ $url }">{ $title }</a>
    { $workshop }
materials-open-failed = Не удалось отправить материал: файл недоступен в Telegram. Обратитесь к руководителю шеберханы.

## Участникам после занятия

materials-delivery =
    <b>Материалы занятия «{ $topic }»</b>
    Шеберхана: { $workshop }
    Спасибо за участие! Чтобы открыть материал, нажмите на ссылку или кнопку ниже. Все материалы в архиве: /materials
materials-delivery-link-line = { $number }. { $kind }: <a href="{ $url }">{ $title }</a>
materials-delivery-more = Ещё материалов в архиве: { $count }. Открыть: /materials
