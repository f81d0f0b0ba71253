## Материалдар: бейнесабақтар, конспектілер, тұсаукесерлер, сарапшы материалдары (ережелер, 4.2)

materials-kind-video = Бейнесабақ
materials-kind-notes = Сабақ конспектісі
materials-kind-slides = Тұсаукесер (презентация)
materials-kind-expert = Сарапшы материалы
materials-kind-link = Сілтеме

## Материал қосу (шеберхана жетекшісі немесе үйлестіруші)

materials-target-workshop = «{ $workshop }» шеберханасы
materials-target-session = «{ $workshop }» шеберханасы, «{ $topic }» отырысы ({ $when })
materials-add-kind =
    <b>Материал қосу</b>
    { $target }
    Материалдың түрін таңдаңыз. Тоқтату үшін: /cancel
materials-ask-file = { $kind }: файлды осында жіберіңіз — құжат, бейне немесе сурет. Тоқтату үшін: /cancel
materials-ask-url = Сілтемені жіберіңіз: http:// немесе https:// деп басталатын толық мекенжай, мысалы <i>https://youtu.be/...</i>. Тоқтату үшін: /cancel
materials-ask-title = Материалдың атауын жазыңыз (3–200 таңба), мысалы: <i>«Бөлшектерді салыстыру» сабағының конспектісі</i>.
materials-expected-file = Бұл қадамда файл жіберу керек: құжат, бейне немесе сурет. Материалыңыз сілтеме болса, «Артқа» батырмасын басып, «Сілтеме» түрін таңдаңыз.
materials-expected-url = Бұл қадамда сілтеме жіберу керек: http:// немесе https:// деп басталатын мекенжайды мәтінмен жіберіңіз. Файл жіберу үшін «Артқа» батырмасын басып, басқа түрді таңдаңыз.
materials-error-url = Сілтеме дұрыс емес: тек http:// немесе https:// деп басталатын толық мекенжай қабылданады, мысалы <i>https://youtu.be/...</i>. Қайта жіберіңіз.
materials-error-title = Атау 3-тен 200 таңбаға дейін болуы керек. Қайта жазыңыз.
materials-saved =
    ✅ Материал сақталды.
    { $kind }: { $title }
    { $target }
    Мақұлданған шеберхананың материалдарын барлық мұғалімдер мұрағаттан көре алады: /materials

## Материалдар мұрағаты

materials-archive =
    <b>Материалдар мұрағаты</b>
    Онлайн-шеберханалардың бейнесабақтары, конспектілері, тұсаукесерлері мен сарапшы материалдары. Шеберхананы таңдаңыз ({ $page }/{ $pages } бет).
    Іздеу үшін бір-екі сөз жазыңыз, мысалы: <i>бөлшек конспект</i>.
materials-archive-empty = Мұрағатта әлі материал жоқ. Шеберхана жетекшілері отырыстардан кейін бейнесабақтарды, конспектілерді және тұсаукесерлерді осында жариялайды.
materials-months =
    <b>{ $workshop }</b>
    Айды таңдаңыз:
materials-month-button = { $year } жылғы { $month } ({ $count })
materials-month =
    <b>{ $workshop }</b> — { $year } жылғы { $month }
    Материалды ашу үшін батырманы басыңыз:
materials-month-empty = Бұл айда материал қалмаған. Басқа айды таңдаңыз.
materials-line = { $number }. { $kind }: { $title }
materials-search-found = «{ $query }» бойынша табылған материалдар: { $count }. Ашу үшін батырманы басыңыз:
materials-search-line = { $number }. { $kind }: { $title } — { $workshop }
materials-search-empty = «{ $query }» бойынша материал табылмады. Басқа сөзбен іздеп көріңіз немесе мұрағатты шеберханалар бойынша қараңыз: /materials
materials-expected-words = Іздеу үшін сөздерді мәтінмен жазыңыз, мысалы: <i>бейнесабақ математика</i>.
materials-caption =
    <b>{ $title }</b>
    { $workshop }
materials-link =
    🔗 <a href="{ $url }">{ $title }</a>
    { $workshop }
materials-open-failed = Материалды жіберу мүмкін болмады: файл Telegram-да қолжетімсіз. Шеберхана жетекшісіне хабарласыңыз.

## Отырыстан кейін қатысушыларға

materials-delivery =
    <b>«{ $topic }» отырысының материалдары</b>
    Шеберхана: { $workshop }
    Қатысқаныңызға рақмет! Материалды ашу үшін сілтемені немесе төмендегі батырманы басыңыз. Барлық материалдар мұрағатта: /materials
materials-delivery-link-line = { $number }. { $kind }: <a href="{ $url }">{ $title }</a>
materials-delivery-more = Мұрағатта тағы { $count } материал бар: /materials
