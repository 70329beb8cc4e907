# ruff: noqa: RUF001, RUF002 (names in Cyrillic, Arabic and other scripts on purpose)
"""Synthetic person records with known truth, for tests and the benchmark.

Persons of Dutch, Eastern-European, West-African, Arabic-speaking and Asian origin are
reported by 1–5 different sources each. Every record is a noisy copy of its person:
typos, swapped first and last names, nicknames, initials, other romanisations or the
original script (Cyrillic, Arabic, Greek, Chinese), birth dates with swapped day and
month or only a year or an age, phone numbers in national and international format,
missing fields. Hard non-matches are planted on purpose: twins (same surname, birth
date, city and often phone) and fathers and sons with the same name.

Reproducible: the same ``seed`` and size give the same table.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

import pyarrow as pa

from samen.linkage.aliases import ALIASES
from samen.linkage.records import FIELDS
from samen.linkage.transliterate import to_latin


def _names(text: str) -> tuple[tuple[str, ...], ...]:
    """Parse ``"Oleksandr/Aleksandr/Олександр, Ivan/Іван"``: commas part names, slashes
    part spellings of one name (the first is the person's own)."""
    return tuple(
        tuple(v.strip() for v in entry.split("/")) for entry in text.split(",") if entry.strip()
    )


@dataclass(frozen=True)
class Origin:
    key: str
    weight: float
    nationalities: tuple[str, ...]  # ways sources write the nationality
    phone_prefix: str  # international prefix of mobile numbers from there
    male: tuple[tuple[str, ...], ...]
    female: tuple[tuple[str, ...], ...]
    surnames: tuple[tuple[str, ...], ...]
    # Slavic surnames take a feminine form (Kowalski → Kowalska).
    feminine: dict[str, str] = field(default_factory=dict)


ORIGINS: tuple[Origin, ...] = (
    Origin(
        "dutch",
        0.36,
        ("NL", "Nederlandse", "Dutch", "NLD", "Nederland"),
        "316",
        _names(
            "Jan, Johannes, Hendrik, Pieter, Cornelis, Willem, Gerrit, Jacobus, Dirk, "
            "Kees, Bas, Daan, Thijs, Sem, Lucas, Milan, Jesse, Thomas, Ruben, Niels, "
            "Tim, Bram, Joost, Sander, Stefan, Martijn, Jeroen, Wouter, Rik, Koen, "
            "Mohamed, Kevin, Dennis, Mark, Robin, Mike, Youri, Gijs, Stijn, Tygo, Luuk, "
            "Floris, Teun, Wessel, Jurre, Ties, Siem, Hidde, Sven, Rutger"
        ),
        _names(
            "Anna, Maria, Johanna, Cornelia, Elisabeth, Sanne, Lotte, Emma, Julia, "
            "Sophie, Fleur, Lisa, Iris, Anouk, Eva, Femke, Laura, Naomi, Romy, Noa, "
            "Tess, Lieke, Britt, Demi, Kim, Chantal, Esther, Marieke, Ilse, Mirjam, "
            "Sara, Yara, Zoë, Fenna, Isa, Nina, Evi, Lynn, Jasmijn, Floor, Merel, "
            "Roos, Amber, Jade, Liv, Maud, Noor, Esmee, Kiki, Daphne"
        ),
        _names(
            "de Jong, Jansen, de Vries, van den Berg/van der Berg/Berg, van Dijk/van Dyk, "
            "Bakker, Janssen, Visser, Smit, Meijer/Meyer, de Boer, Mulder, de Groot, "
            "Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker, Brouwer, de Wit, Dijkstra, "
            "Smits, de Graaf, van der Meer, van der Linden, Kok, Jacobs, de Haan, "
            "Vermeulen, van den Heuvel, van der Veen, van den Broek, de Bruijn/de Bruyn, "
            "de Bruin, van der Heijden/van der Heyden, Schouten, van Beek, Willems, "
            "van Vliet, van de Ven, Hoekstra, Maas, Verhoeven, Koster, van Dam, "
            "van der Wal, Prins, Blom, Huisman, Peeters, de Jonge, Kuipers, van Veen, "
            "Post, Kuiper, Veenstra, Kramer, van den Brink, Scholten, van Wijk, Postma, "
            "Martens, Vink, de Ruiter, Timmermans, Groen, Gerritsen, Jonker, van Loon, "
            "Boer, van der Velde, Willemsen, Smeets, de Lange, de Vos, Bosch, van Dongen, "
            "Schipper, de Koning, van der Laan, Koning, van der Velden, Driessen, "
            "van Doorn, Hermans, Evers, van den Bosch, van der Meulen, Hofman, Bosman, "
            "Wolters, Sanders, van der Horst, Mol, Kuijpers, Molenaar, van de Pol, "
            "de Leeuw, Verbeek, El Amrani, Yilmaz, Kaya, Çelik/Celik, Öztürk/Ozturk, "
            "Wijnands, Zwart, Dekkers, Hoogland, Brink, Nijhuis, Roelofs, Oosterhuis"
        ),
    ),
    Origin(
        "polish",
        0.10,
        ("PL", "Poolse", "Polish", "POL", "Polen"),
        "48",
        _names(
            "Piotr, Krzysztof, Andrzej, Tomasz, Paweł/Pawel, Michał/Michal, Marcin, "
            "Jakub, Adam, Łukasz/Lukasz, Wojciech, Mateusz, Grzegorz, Mariusz, Dawid, "
            "Kamil, Rafał/Rafal, Marek, Sebastian, Bartosz, Szymon, Damian, Przemysław"
        ),
        _names(
            "Anna, Katarzyna, Małgorzata/Malgorzata, Agnieszka, Barbara, Ewa, Magdalena, "
            "Joanna, Aleksandra, Monika, Natalia, Karolina, Justyna, Paulina, Marta, "
            "Dorota, Beata, Weronika, Zuzanna, Julia, Oliwia, Agata, Izabela"
        ),
        _names(
            "Nowak, Kowalski, Wiśniewski/Wisniewski, Wójcik/Wojcik, Kowalczyk, "
            "Kamiński/Kaminski, Lewandowski, Zieliński/Zielinski, Szymański/Szymanski, "
            "Woźniak/Wozniak, Dąbrowski/Dabrowski, Kozłowski/Kozlowski, Jankowski, "
            "Mazur, Wojciechowski, Kwiatkowski, Krawczyk, Kaczmarek, Piotrowski, "
            "Grabowski, Zając/Zajac, Pawłowski/Pawlowski, Michalski, Król/Krol, "
            "Wieczorek, Jabłoński/Jablonski, Wróbel/Wrobel, Nowakowski, Majewski, "
            "Olszewski, Stępień/Stepien, Malinowski, Jaworski, Adamczyk, Dudek, "
            "Nowicki, Pawlak, Górski/Gorski, Witkowski, Walczak, Sikora, Baran, Rutkowski, "
            "Michalak, Szewczyk, Ostrowski, Tomaszewski, Pietrzak, Marciniak, Wróblewski"
        ),
        feminine={"ski": "ska", "cki": "cka", "dzki": "dzka"},
    ),
    Origin(
        "romanian",
        0.07,
        ("RO", "Roemeense", "Romanian", "ROU"),
        "40",
        _names(
            "Ion, Gheorghe, Vasile, Constantin, Ioan, Mihai, Andrei, Alexandru, Florin, "
            "Nicolae, Marius, Adrian, Cristian, Daniel, Ștefan/Stefan, Bogdan, Ionuț/Ionut"
        ),
        _names(
            "Maria, Elena, Ioana, Andreea, Ana, Mihaela, Cristina, Alexandra, Gabriela, "
            "Daniela, Florentina, Simona, Georgiana, Roxana, Ramona, Larisa, Bianca"
        ),
        _names(
            "Popa, Popescu, Pop, Radu, Dumitru, Stan, Stoica, Gheorghe, Matei, Ciobanu, "
            "Ionescu, Rusu, Munteanu, Constantin, Mihai, Marin, Florea, Lungu, Tudor, "
            "Dinu, Ene, Ungureanu, Sava, Moldovan, Lazăr/Lazar, Ștefan/Stefan, Neagu, "
            "Barbu, Toma, Nistor, Oprea, Dobre, Anghel, Voicu, Ilie, Cristea, Preda"
        ),
    ),
    Origin(
        "bulgarian",
        0.06,
        ("BG", "Bulgaarse", "Bulgarian", "BGR"),
        "359",
        _names(
            "Georgi/Георги, Ivan/Иван, Dimitar/Димитър/Dimityr, Nikolay/Николай/Nikolai, "
            "Petar/Петър/Petr, Hristo/Христо/Christo, Stoyan/Стоян/Stojan, "
            "Todor/Тодор, Aleksandar/Александър/Alexander, Vasil/Васил, "
            "Yordan/Йордан/Jordan, Krasimir/Красимир, Plamen/Пламен, Angel/Ангел"
        ),
        _names(
            "Maria/Мария/Mariya, Ivanka/Иванка, Elena/Елена, Yordanka/Йорданка/Jordanka, "
            "Daniela/Даниела, Desislava/Десислава, Ralitsa/Ралица/Ralica, "
            "Galina/Галина, Svetla/Светла, Teodora/Теодора, Gergana/Гергана, "
            "Vesela/Весела, Tsvetelina/Цветелина/Cvetelina, Nadezhda/Надежда/Nadejda"
        ),
        _names(
            "Ivanov/Иванов, Georgiev/Георгиев, Dimitrov/Димитров, Petrov/Петров, "
            "Nikolov/Николов, Hristov/Христов/Christov, Stoyanov/Стоянов/Stojanov, "
            "Todorov/Тодоров, Iliev/Илиев, Vasilev/Василев/Vassilev, "
            "Atanasov/Атанасов, Angelov/Ангелов, Petkov/Петков, Kolev/Колев, "
            "Yordanov/Йорданов/Jordanov, Marinov/Маринов, Stefanov/Стефанов, "
            "Popov/Попов, Mihaylov/Михайлов/Mihailov, Krastev/Кръстев/Krustev, "
            "Kostov/Костов, Dimov/Димов, Tsvetkov/Цветков/Cvetkov"
        ),
        feminine={"ov": "ova", "ev": "eva"},
    ),
    Origin(
        "ukrainian",
        0.06,
        ("UA", "Oekraïense", "Ukrainian", "UKR"),
        "380",
        _names(
            "Oleksandr/Олександр/Aleksandr, Andriy/Андрій/Andrii, Serhiy/Сергій/Sergei, "
            "Volodymyr/Володимир/Vladimir, Mykola/Микола/Nikolai, Dmytro/Дмитро/Dmitri, "
            "Vasyl/Василь/Vasili, Ivan/Іван, Yuriy/Юрій/Yuri, Oleh/Олег/Oleg, "
            "Mykhailo/Михайло/Mikhail, Taras/Тарас, Bohdan/Богдан/Bogdan"
        ),
        _names(
            "Olena/Олена/Elena, Natalia/Наталія/Nataliya, Iryna/Ірина/Irina, "
            "Tetiana/Тетяна/Tatiana, Oksana/Оксана, Yulia/Юлія/Yuliya, "
            "Svitlana/Світлана/Svetlana, Kateryna/Катерина/Ekaterina, "
            "Anastasia/Анастасія/Anastasiya, Olha/Ольга/Olga, Halyna/Галина/Galina, "
            "Mariia/Марія/Maria, Viktoriia/Вікторія/Viktoria"
        ),
        _names(
            "Shevchenko/Шевченко/Szewczenko/Schewtschenko, Kovalenko/Коваленко, "
            "Bondarenko/Бондаренко, Tkachenko/Ткаченко/Tkaczenko, "
            "Kravchenko/Кравченко/Krawczenko, Oliynyk/Олійник/Oliinyk, "
            "Shevchuk/Шевчук/Szewczuk, Koval/Коваль/Kowal, Polishchuk/Поліщук/Polishuk, "
            "Bondar/Бондар, Tkachuk/Ткачук, Moroz/Мороз, Marchenko/Марченко, "
            "Lysenko/Лисенко/Lisenko, Rudenko/Руденко, Savchenko/Савченко/Sawczenko, "
            "Petrenko/Петренко, Klymenko/Клименко/Klimenko, Pavlenko/Павленко"
        ),
    ),
    Origin(
        "hungarian",
        0.02,
        ("HU", "Hongaarse", "Hungarian", "HUN"),
        "36",
        _names(
            "László/Laszlo, István/Istvan, József/Jozsef, János/Janos, Zoltán/Zoltan, "
            "Sándor/Sandor, Gábor/Gabor, Ferenc, Attila, Péter/Peter"
        ),
        _names(
            "Mária/Maria, Erzsébet/Erzsebet, Katalin, Éva/Eva, Ilona, Anikó/Aniko, "
            "Zsuzsanna, Krisztina, Andrea, Judit"
        ),
        _names(
            "Nagy, Kovács/Kovacs, Tóth/Toth, Szabó/Szabo, Horváth/Horvath, Varga, Kiss, "
            "Molnár/Molnar, Németh/Nemeth, Farkas, Balogh, Papp, Takács/Takacs, Juhász"
        ),
    ),
    Origin(
        "west_african",
        0.12,
        ("NG", "Nigeriaanse", "Nigerian", "NGA", "GH", "Ghanese"),
        "234",
        _names(
            "Oluwaseun/Seun, Chukwuemeka/Emeka, Adebayo, Oluwafemi/Femi, Chinedu, "
            "Ikechukwu, Babatunde, Olumide, Kwame, Kofi, Kwabena, Yaw, Kojo, Osagie, "
            "Osaro, Efosa, Nosa, Uche, Obinna, Tunde, Segun, Ifeanyi, Musa, Ibrahim, "
            "Abubakar, Sani, Emmanuel, Godwin, Samuel, Daniel, Friday, Sunday, Prince"
        ),
        _names(
            "Blessing, Joy, Precious, Gift, Faith, Mercy, Favour/Favor, Happiness, "
            "Ngozi, Chiamaka/Amaka, Adaeze, Chioma, Funmilayo/Funmi, Abimbola/Bimbo, "
            "Oluwatosin/Tosin, Yetunde, Folake, Osas, Osasere, Eghosa, Akosua, Ama, Abena, "
            "Efua, Esi, Adwoa, Aminata, Fatoumata, Mariama, Hauwa, Aisha/Aysha, Grace, "
            "Patience, Comfort, Esther, Peace, Success, Princess, Loveth, Endurance"
        ),
        _names(
            "Okafor, Okonkwo, Adeyemi, Ogunleye, Eze, Nwosu, Obi, Okeke, Uzor, Ibe, "
            "Adebayo, Adewale, Bello, Abubakar, Mohammed, Osagie, Omoregie, "
            "Igbinedion, Osayande, Ehigiator, Aigbe, Iyamu, Edokpolo, Obasogie, "
            "Mensah, Asante, Owusu, Boateng, Osei, Agyeman, Appiah, Darko, Addo, "
            "Ansah, Kamara, Conteh, Sesay, Bangura, Diallo, Bah, Barry, Camara, Sow, "
            "Okoro, Chukwu, Nnamdi, Olawale, Babatunde, Afolabi, Ogundipe, Ojo, Alabi"
        ),
    ),
    Origin(
        "arabic",
        0.10,
        ("MA", "Marokkaanse", "Moroccan", "SY", "Syrische", "EG"),
        "212",
        _names(
            "Mohammed/Muhammad/Mohamed/محمد, Ahmed/Ahmad/أحمد, Ali/علي, "
            "Youssef/Yusuf/Yousef/يوسف, Omar/Umar/عمر, Ibrahim/Ebrahim/إبراهيم, "
            "Hassan/Hasan/حسن, Hussein/Hussain/حسين, Khalid/Khaled/خالد, "
            "Mustafa/Mostafa/مصطفى, Abdullah/Abdallah/عبدالله, Karim/Kareem/كريم, "
            "Said/Saeed/سعيد, Rachid/Rashid/رشيد, Hamza/حمزة, Bilal/بلال, "
            "Tarik/Tariq/طارق, Nabil/نبيل, Samir/Sameer/سمير, Walid/Waleed/وليد, "
            "Anas/أنس, Yassin/Yasin/Yaseen/ياسين, Ayoub/Ayub/أيوب, Zakaria/Zakariya/زكريا"
        ),
        _names(
            "Fatima/Fatma/فاطمة, Aisha/Aicha/Ayesha/عائشة, Khadija/Khadidja/خديجة, "
            "Mariam/Maryam/مريم, Nour/Noor/نور, Yasmin/Yasmine/ياسمين, Salma/سلمى, "
            "Layla/Leila/Laila/ليلى, Hanan/حنان, Samira/Sameera/سميرة, Zainab/Zeinab/زينب, "
            "Amina/Aminah/أمينة, Rania/رانيا, Huda/Hoda/هدى, Imane/Iman/إيمان, "
            "Souad/Suad/سعاد, Naima/Naeema/نعيمة, Hafsa/حفصة, Ikram/إكرام, Sanae/Sanaa/سناء"
        ),
        _names(
            "El Amrani/Amrani/العمراني, Benali/Ben Ali/بنعلي, El Idrissi/Idrissi/الإدريسي, "
            "Bakkali/البقالي, Tahiri/Taheri/الطاهري, Alaoui/Alawi/العلوي, "
            "El Haddad/Haddad/الحداد, Ouali, Bouzid/بوزيد, Azzouzi/العزوزي, "
            "Al-Hassan/Alhasan/الحسن, Al-Ahmad/Alahmad/الأحمد, Khalil/Khaleel/خليل, "
            "Haddad/حداد, Mansour/Mansur/منصور, Hamdan/حمدان, Saleh/Salih/صالح, "
            "Darwish/Darwich/درويش, Nasser/Nasir/ناصر, Abdelrahman/Abdulrahman/عبدالرحمن, "
            "Ibrahim/إبراهيم, Youssef/Yousef/يوسف, Mahmoud/Mahmud/محمود, "
            "Moussa/Musa/موسى, Othman/Osman/عثمان, Kassem/Qasim/قاسم, Aziz/عزيز, "
            "Chaoui, Boukhari/البخاري, Ziani/الزياني, Bennani/بناني, Tazi/التازي"
        ),
    ),
    Origin(
        "vietnamese",
        0.05,
        ("VN", "Vietnamese", "Vietnamees", "VNM"),
        "84",
        _names(
            "Minh, Tuấn/Tuan, Hùng/Hung, Dũng/Dung, Long, Nam, Huy, Đức/Duc, Thành/Thanh, "
            "Quang, Hải/Hai, Sơn/Son, Phúc/Phuc, Khoa, Bảo/Bao, Trung, Vinh, Tâm/Tam"
        ),
        _names(
            "Linh, Lan, Hương/Huong, Hoa, Mai, Thảo/Thao, Ngọc/Ngoc, Trang, Hà/Ha, "
            "Phương/Phuong, Anh, Thu, Hằng/Hang, Nhung, Vy, My, Yến/Yen, Nguyệt/Nguyet"
        ),
        _names(
            "Nguyễn/Nguyen, Nguyễn/Nguyen, Nguyễn/Nguyen, Trần/Tran, Lê/Le, Phạm/Pham, "
            "Hoàng/Hoang/Huynh, Phan, Vũ/Vu/Võ, Đặng/Dang, Bùi/Bui, Đỗ/Do, Hồ/Ho, Ngô/Ngo, "
            "Dương/Duong, Lý/Ly"
        ),
    ),
    Origin(
        "chinese",
        0.03,
        ("CN", "Chinese", "Chinees", "CHN"),
        "86",
        _names(
            "Wei/伟, Jun/军, Jie/杰, Lei/磊, Tao/涛, Ming/明, Yong/勇, Jian/建, Hao/浩, "
            "Qiang/强, Bin/斌, Chao/超, Peng/鹏, Hui/辉, Long/龙"
        ),
        _names(
            "Fang/芳, Jing/静, Li/丽, Min/敏, Yan/燕, Na/娜, Xiu/秀, Ying/英, Hua/华, "
            "Hong/红, Mei/梅, Lan/兰, Xia/霞, Ping/萍, Yu/玉"
        ),
        _names(
            "Wang/王/Wong, Li/李/Lee, Zhang/张/Chang, Liu/刘/Lau, Chen/陈/Chan, Yang/杨, "
            "Huang/黄/Wong, Zhao/赵/Chiu, Wu/吴/Ng, Zhou/周/Chow, Xu/徐/Hsu, Sun/孙, "
            "Ma/马, Zhu/朱/Chu, Hu/胡/Woo, Guo/郭/Kwok, Lin/林/Lam, He/何/Ho"
        ),
    ),
    Origin(
        "thai_filipino",
        0.03,
        ("TH", "Thaise", "Thai", "PH", "Filipijnse", "Filipino"),
        "66",
        _names(
            "Somchai, Somsak, Anan, Prasert, Niran, Chaiwat, Kittisak, Jose, Juan, "
            "Mark, John Paul, Jerome, Rodel, Ramil, Noel, Ronaldo"
        ),
        _names(
            "Siriporn, Somying, Malee, Ratana, Pornthip, Nattaya, Kanya, Wanida, "
            "Maricel, Rosario, Maria Cristina, Jocelyn, Marites, Lorna, Rowena, Analyn, "
            "Josephine, Mary Grace, Jennifer, Rhea"
        ),
        _names(
            "Saetang, Srisuk, Wongsawat, Chaiyaporn, Boonmee, Kongkaew, Thongdee, "
            "Sukprasert, Rattanakorn, Phongsri, Dela Cruz/De la Cruz, Santos, Reyes, "
            "Garcia, Mendoza, Bautista, Ramos, Aquino, Villanueva, Castillo, Flores, "
            "Gonzales, Fernandez, Lopez, Torres, Mercado, Navarro"
        ),
    ),
)

# --- the long tail of surnames ------------------------------------------------------
# The lists above hold each origin's common surnames. Real populations also have a long
# tail of rarer names; without it, a million records would hold dozens of different
# people per full name, far more ambiguity than a national register shows. The tail is
# built from name-forming parts of each language.

_LATIN_TO_CYRILLIC = (
    ("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
    ("yu", "ю"), ("ya", "я"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"), ("h", "г"),
    ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("y", "й"), ("k", "к"), ("l", "л"),
    ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"),
    ("u", "у"), ("f", "ф"),
)  # fmt: skip


def _cyrillic(latin: str) -> str:
    text = latin.lower()
    for old, new in _LATIN_TO_CYRILLIC:
        text = text.replace(old, new)
    return text.capitalize()


def _combine(roots: str, suffixes: str) -> list[str]:
    return [r + s for r in roots.split() for s in suffixes.split()]


def _words(text: str) -> list[str]:
    return text.split()


def _tail_surnames(key: str) -> tuple[tuple[str, ...], ...]:
    if key == "dutch":
        roots = _words(
            "berg dijk veen hout kamp meer broek bosch graaf hof huis land linde molen water "
            "zand beek akker brink horst laar loo voort wijk wold hage donk steen heide kerk "
            "poel gaard rade stal dal boom haar wal"
        )
        heads = _words(
            "Hoog Oost West Noord Zuid Nieuw Oud Klein Groot Hol Ven Groen Zwart Wit Bleek "
            "Rood Lang Kort Breed Smal Mid Over Neder Haver Rog"
        )
        names = [h + r for h in heads for r in roots]
        suffixes = ("man", "mans", "ink", "stra", "sma", "ers", "en", "ing")
        names += [r.capitalize() + s for r in roots for s in suffixes]
        particles = ("van", "van den", "van der", "ter")
        names += [f"{p} {r.capitalize()}" for r in roots for p in particles]
        return tuple((n,) for n in names)
    if key == "polish":
        names = _combine(
            "Kowal Wisni Zielin Lewand Kamin Dabrow Kozl Jank Wojc Kwiatk Krawc Kaczm Piotr "
            "Grab Zaj Pawl Michal Krol Wiecz Jabl Wrob Maj Olsz Malin Jawor Adamc Dud Nowic "
            "Walc Sikor Bar Rutk Ostr Tomasz Pietrz Marcin Borow Sobc Czarn Gorec Lis Kub "
            "Wilk Zawadz Szczep Gaw Zal Sad Kos Mroz",
            "ski owski ewski iak czyk ek icz owicz",
        )
        return tuple((n,) for n in names)
    if key == "romanian":
        names = _combine(
            "Pop Ion Georg Dumitr Stan Vasil Constantin Radul Tudor Mihail Niculi Dobr Ene "
            "Gheorgh Marin Pet Lup Olt Bucur Craci Stoic Iord Sav Man Dragom Simion Zamfir "
            "Barb Munt Cozm Neag Preda Voic Ungur Rus Sirb",
            "escu eanu aru anu",
        )
        return tuple((n,) for n in names)
    if key in ("bulgarian", "ukrainian"):
        suffixes = "ov ev" if key == "bulgarian" else "enko chuk uk yk ovych"
        names = _combine(
            "Bor Dan Kost Mark Rad Slav Zlat Vel Mil Dobr Lyub Svet Tsvet Yov Blag Gav Hrist "
            "Kir Lazar Mir Nest Ogn Pav Raf Sim Stef Tikh Val Vlad Yak Zakhar Lev Gor Kuz "
            "Mykh Moroz Osyp Prok Sav Tar",
            suffixes,
        )
        return tuple((n, _cyrillic(n)) for n in names)
    if key == "west_african":
        names = _combine(
            "Ade Olu Oluwa Ola Ayo Femi Bab Kay Tai Ako Ogun Ife",
            "bayo wale yemi toye kunle sanya dipe tunde lade wole gbemi seun",
        )
        names += _combine(
            "Nw Ok Ez On Ob Ch Ug Ik An", "afor onkwo eke oye uche ama ike anna ezie ogu"
        )
        names += _combine("Osa Ehi Iye Igbi Aig Eno Oma Idah", "gie ator yande nedion be wu ghe ro")
        return tuple((n,) for n in names)
    if key == "arabic":
        names = _combine(
            "Abdel",
            "rahman karim aziz hakim latif majid qader salam wahab rahim jalil hamid ghani malik",
        )
        names += _combine(
            "Al-",
            "Amin Hakim Sharif Rashid Masri Halabi Shami Tounsi Jazairi Najjar Khoury Saadi "
            "Obeidi Tamimi Qureshi Zahrani Ghamdi Harbi Mutairi Otaibi Dosari Shehri Qahtani "
            "Amri Ansari Baghdadi Hashimi Kurdi Sabbagh",
        )
        names += _combine(
            "El Ben Bou",
            "hadi karimi amrani mansouri azzouz laaroussi tahiri haddouchi ouazzani chahid "
            "moussaoui idrissi bakkal",
        )
        return tuple((n,) for n in names)
    if key == "thai_filipino":
        names = _combine(
            "Sri Chai Wong Boon Thong Suk Rattana Phon Kit Sombat",
            "suk porn sawat mee kaew dee prasert korn sri wan",
        )
        return tuple((n,) for n in names)
    return ()


_TAILS: dict[str, tuple[tuple[str, ...], ...]] = {}


def _surname_pool(origin: Origin) -> tuple[tuple[str, ...], ...]:
    if origin.key not in _TAILS:
        _TAILS[origin.key] = _tail_surnames(origin.key)
    return _TAILS[origin.key]


SOURCES: tuple[tuple[str, float], ...] = (
    ("police", 0.31),
    ("care_coordinator", 0.28),
    ("fairwork_ngo", 0.24),
    ("shelter", 0.12),
    ("municipality", 0.15),
    ("anonymous", 0.10),
    ("labour_inspectorate", 0.08),
    ("kmar", 0.05),
    ("coa", 0.05),
    ("veilig_thuis", 0.06),
)

# The grouping of sources into lists used by the benchmark and the end-to-end test.
SOURCE_LISTS: dict[str, str] = {
    "police": "police",
    "kmar": "police",
    "labour_inspectorate": "police",
    "care_coordinator": "care",
    "shelter": "care",
    "veilig_thuis": "care",
    "municipality": "municipality",
    "coa": "municipality",
    "fairwork_ngo": "ngo",
    "anonymous": "anonymous",
}

CITIES: tuple[str, ...] = (
    "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Tilburg",
    "Almere", "Breda", "Nijmegen", "Apeldoorn", "Arnhem", "Haarlem", "Enschede",
    "Amersfoort", "Zaanstad", "'s-Hertogenbosch", "Haarlemmermeer", "Zwolle", "Zoetermeer",
    "Leiden", "Maastricht", "Dordrecht", "Ede", "Alphen aan den Rijn", "Westland",
    "Alkmaar", "Emmen", "Delft", "Venlo", "Deventer", "Sittard-Geleen", "Helmond", "Oss",
    "Amstelveen", "Hilversum", "Heerlen", "Roosendaal", "Purmerend", "Schiedam", "Lelystad",
    "Leeuwarden", "Vlaardingen", "Gouda", "Hoorn", "Bergen op Zoom", "Capelle aan den IJssel",
)  # fmt: skip

RECORDS_PER_PERSON_WEIGHTS = (0.45, 0.25, 0.15, 0.10, 0.05)  # 1, 2, 3, 4, 5 records
AS_OF = dt.date(2026, 1, 1)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class _Person:
    pid: int
    origin: Origin
    gender: str
    first: tuple[str, ...]
    last: tuple[str, ...]
    birth: dt.date
    nationality_code: int
    phone: str | None
    email: str | None
    city: str


@dataclass(frozen=True)
class SyntheticData:
    """Records in the input schema plus, per record, the id of the true person."""

    records: pa.Table
    truth: list[int]

    @property
    def n_persons(self) -> int:
        return len(set(self.truth))


class _Generator:
    def __init__(self, seed: int) -> None:
        # Synthetic data, not secrets.
        self.rng = random.Random(seed)  # noqa: S311  # nosec B311
        self.origin_weights = [o.weight for o in ORIGINS]
        self.source_names = [s for s, _ in SOURCES]
        self.source_weights = [w for _, w in SOURCES]
        self.city_weights = [1.0 / (i + 1) ** 0.8 for i in range(len(CITIES))]
        # Controllers' phones: one number given as contact for several victims.
        self.shared_phones = [self._mobile("316") for _ in range(200)]

    # --- persons ---------------------------------------------------------------------

    def _mobile(self, prefix: str) -> str:
        digits = 11 - len(prefix) if prefix == "316" else 9
        return "+" + prefix + "".join(self.rng.choice("0123456789") for _ in range(digits))

    def person(self, pid: int) -> _Person:
        rng = self.rng
        origin = rng.choices(ORIGINS, self.origin_weights)[0]
        gender = "f" if rng.random() < 0.62 else "m"
        first = rng.choice(origin.female if gender == "f" else origin.male)
        tail = _surname_pool(origin)
        # One in five people carries one of the common names, the others one from the
        # long tail (in the Netherlands the hundred most common surnames cover about an
        # eighth of the population).
        last = rng.choice(tail if tail and rng.random() < 0.8 else origin.surnames)
        if gender == "f" and origin.feminine:
            last = tuple(self._feminine(v, origin.feminine) for v in last)
        age_days = rng.randint(14 * 365, 55 * 365)
        birth = AS_OF - dt.timedelta(days=age_days)
        roll = rng.random()
        if roll < 0.04:
            phone = rng.choice(self.shared_phones)
        elif roll < 0.70:
            phone = self._mobile(origin.phone_prefix if rng.random() < 0.4 else "316")
        else:
            phone = None
        email = None
        if rng.random() < 0.35:
            user = f"{to_latin(first[0])}.{to_latin(last[0])}".replace(" ", "")
            domain = rng.choice(("gmail.com", "hotmail.com", "outlook.com", "yahoo.com"))
            email = f"{user}{rng.randint(1, 999)}@{domain}"
        city = rng.choices(CITIES, self.city_weights)[0]
        nat = rng.randrange(len(origin.nationalities))
        return _Person(pid, origin, gender, first, last, birth, nat, phone, email, city)

    @staticmethod
    def _feminine(name: str, endings: dict[str, str]) -> str:
        # Bulgarian names also come in Cyrillic: Иванов → Иванова.
        for masculine, feminine in {**endings, "ов": "ова", "ев": "ева"}.items():
            if name.endswith(masculine):
                return name[: -len(masculine)] + feminine
        return name

    def twin(self, other: _Person, pid: int) -> _Person:
        """Same surname, birth date, city and often phone; a different first name."""
        rng = self.rng
        gender = "f" if rng.random() < 0.5 else "m"
        names = other.origin.female if gender == "f" else other.origin.male
        first = rng.choice([n for n in names if n != other.first] or list(names))
        phone = other.phone if rng.random() < 0.4 else None
        return _Person(
            pid, other.origin, gender, first, other.last, other.birth,
            other.nationality_code, phone, None, other.city,
        )  # fmt: skip

    def junior(self, father: _Person, pid: int) -> _Person:
        """A son with his father's first and last name, 18–35 years younger."""
        rng = self.rng
        birth = father.birth + dt.timedelta(days=rng.randint(18 * 365, 35 * 365))
        if birth > AS_OF - dt.timedelta(days=14 * 365):  # the son is at least 14
            birth = AS_OF - dt.timedelta(days=rng.randint(14 * 365, 20 * 365))
        return _Person(
            pid, father.origin, "m", father.first, father.last, birth,
            father.nationality_code, None, None, father.city,
        )  # fmt: skip

    # --- records -----------------------------------------------------------------------

    def _typo(self, text: str) -> str:
        rng = self.rng
        if len(text) < 3:
            return text
        i = rng.randrange(1, len(text))
        op = rng.random()
        if op < 0.3:
            return text[:i] + text[i + 1 :]
        if op < 0.6:
            return text[:i] + rng.choice(_LETTERS) + text[i + 1 :]
        if op < 0.8 and i < len(text) - 1:
            return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        return text[:i] + rng.choice(_LETTERS) + text[i:]

    def _spelling(self, variants: tuple[str, ...], p_other: float) -> str:
        if len(variants) > 1 and self.rng.random() < p_other:
            return self.rng.choice(variants[1:])
        return variants[0]

    def _first_name(self, person: _Person) -> str:
        rng = self.rng
        name = self._spelling(person.first, 0.15)
        roll = rng.random()
        if roll < 0.06:
            canonical = ALIASES.get(to_latin(person.first[0]))
            group = [a for a, c in ALIASES.items() if c == canonical and a != to_latin(name)]
            if group:
                name = rng.choice(sorted(group)).capitalize()
        elif roll < 0.09:
            name = name[0] + "."
        if rng.random() < 0.05:
            name = self._typo(name)
        return name

    def _last_name(self, person: _Person) -> str:
        rng = self.rng
        name = self._spelling(person.last, 0.15)
        if " " in name and rng.random() < 0.15 and person.origin.key == "dutch":
            particle, _, core = name.rpartition(" ")
            name = rng.choice((core, f"{core}, {particle}", name.title()))
        if rng.random() < 0.05:
            name = self._typo(name)
        return name

    def _birth_date(self, person: _Person) -> str | None:
        rng = self.rng
        b = person.birth
        roll = rng.random()
        if roll < 0.08:
            return None
        if roll < 0.13:
            return str(b.year)
        if roll < 0.16:
            age = AS_OF.year - b.year - rng.choice((0, 1))
            return rng.choice((f"{age}", f"{age} jaar", f"ca. {age}"))
        day, month, year = b.day, b.month, b.year
        roll = rng.random()
        if roll < 0.04 and day <= 12 and day != month:
            day, month = month, day
        elif roll < 0.07:
            day = min(28, max(1, day + rng.choice((-1, 1, 10, -10))))
        elif roll < 0.09:
            year += rng.choice((-1, 1))
        style = rng.random()
        if style < 0.5:
            return f"{year:04d}-{month:02d}-{day:02d}"
        if style < 0.85:
            return f"{day:02d}-{month:02d}-{year:04d}"
        return f"{day}/{month}/{year}"

    def _phone(self, person: _Person) -> str | None:
        rng = self.rng
        if person.phone is None or rng.random() < 0.35:
            return None
        number = person.phone if rng.random() > 0.1 else self._mobile("316")
        digits = number[1:]
        style = rng.random()
        if digits.startswith("31") and style < 0.5:
            national = "0" + digits[2:]
            return rng.choice(
                (
                    national,
                    f"{national[:2]}-{national[2:]}",
                    f"{national[:2]} {national[2:6]} {national[6:]}",
                )
            )
        if style < 0.8:
            return "+" + digits
        return "00" + digits

    def record(self, person: _Person, rid: int, source: str) -> dict[str, str | None]:
        rng = self.rng
        sparse = 2.0 if source == "anonymous" else 1.0
        first = self._first_name(person) if rng.random() > 0.02 * sparse else None
        last = self._last_name(person) if rng.random() > 0.02 * sparse else None
        if rng.random() < 0.05:
            first, last = last, first
        if rng.random() < 0.2 and first and last:  # police systems write capitals
            first, last = first.upper(), last.upper()
        nationality = None
        if rng.random() > 0.2 * sparse:
            options = person.origin.nationalities
            nationality = options[
                person.nationality_code if rng.random() < 0.9 else rng.randrange(len(options))
            ]
        gender = None
        if rng.random() > 0.1 * sparse:
            gender = (
                person.gender if rng.random() > 0.01 else ("m" if person.gender == "f" else "f")
            )
            gender = rng.choice({"f": ("V", "F", "vrouw"), "m": ("M", "man", "M")}[gender])
        city = None
        if rng.random() > 0.2 * sparse:
            city = person.city if rng.random() > 0.15 else rng.choice(CITIES)
        email = person.email if person.email and rng.random() < 0.5 else None
        return {
            "record_id": f"r{rid:07d}",
            "source": source,
            "first_name": first,
            "last_name": last,
            "birth_date": self._birth_date(person) if sparse == 1 or rng.random() > 0.3 else None,
            "gender": gender,
            "nationality": nationality,
            "phone": self._phone(person),
            "email": email,
            "city": city,
        }

    def sources_for(self, n: int) -> list[str]:
        chosen: list[str] = []
        names, weights = list(self.source_names), list(self.source_weights)
        for _ in range(n):
            i = self.rng.choices(range(len(names)), weights)[0]
            chosen.append(names.pop(i))
            weights.pop(i)
        return chosen


def generate(n_records: int, seed: int = 0) -> SyntheticData:
    """Generate exactly ``n_records`` records of persons with 1–5 records each."""
    gen = _Generator(seed)
    rng = gen.rng
    rows: list[dict[str, str | None]] = []
    truth: list[int] = []
    pid = 0
    pending: list[_Person] = []
    while len(rows) < n_records:
        if pending:
            person = pending.pop()
        else:
            person = gen.person(pid)
            pid += 1
            roll = rng.random()
            # Hard non-matches: a twin or a namesake son, reported independently.
            if roll < 0.02:
                pending.append(gen.twin(person, pid))
                pid += 1
            elif roll < 0.04:
                pending.append(gen.junior(person, pid))
                pid += 1
        k = rng.choices((1, 2, 3, 4, 5), RECORDS_PER_PERSON_WEIGHTS)[0]
        for source in gen.sources_for(k):
            if len(rows) >= n_records:
                break
            rows.append(gen.record(person, len(rows), source))
            truth.append(person.pid)
    columns = {name: pa.array([r[name] for r in rows], pa.string()) for name in FIELDS}
    return SyntheticData(pa.table(columns), truth)
