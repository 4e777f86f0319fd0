"""Original demo content for EPW: French articles, contributors, pages and comments."""

CONTRIBUTORS = [
    {
        "slug": "claire-vasseur",
        "display_name": "Claire Vasseur",
        "kind": "staff",
        "bio": (
            "Rédactrice en chef d'Écrire pour le web, Claire Vasseur a travaillé quinze ans en "
            "presse régionale avant de se consacrer aux contenus numériques. Elle anime des "
            "ateliers d'écriture pour les équipes de communication. Elle s'intéresse "
            "particulièrement aux titres, aux newsletters et au ton éditorial."
        ),
        "website": "https://example.org/equipe/claire-vasseur",
    },
    {
        "slug": "julien-marchal",
        "display_name": "Julien Marchal",
        "kind": "staff",
        "bio": (
            "Secrétaire de rédaction et spécialiste du référencement éditorial, Julien Marchal "
            "veille à la cohérence des contenus du blog. Il accompagne des collectivités et des "
            "associations dans la refonte de leurs sites et la rédaction de leurs chartes "
            "éditoriales."
        ),
        "website": "https://example.org/equipe/julien-marchal",
    },
    {
        "slug": "nadia-benali",
        "display_name": "Nadia Benali",
        "kind": "guest",
        "bio": (
            "Consultante indépendante en UX writing et en accessibilité numérique, Nadia Benali "
            "aide les équipes produit à écrire des interfaces claires pour tous. Elle tient une "
            "chronique régulière sur ce blog, où elle défend une écriture simple sans être "
            "simpliste."
        ),
        "website": "https://example.net/nadia-benali",
    },
]

CATEGORIES = [
    {
        "slug": "redaction-web",
        "name": "Rédaction web",
        "description": (
            "Méthodes et conseils pour écrire des textes clairs, structurés et agréables à lire à "
            "l'écran."
        ),
    },
    {
        "slug": "referencement",
        "name": "Référencement",
        "description": (
            "Comprendre le SEO éditorial pour être trouvé par les bons lecteurs sans sacrifier la "
            "qualité du texte."
        ),
    },
    {
        "slug": "reseaux-sociaux",
        "name": "Réseaux sociaux",
        "description": (
            "Écrire, adapter et partager ses contenus sur les plateformes sociales avec justesse."
        ),
    },
    {
        "slug": "newsletters",
        "name": "Newsletters & e-mail",
        "description": (
            "Concevoir des lettres d'information que l'on a envie d'ouvrir, de lire et d'attendre."
        ),
    },
]

ARTICLES = [
    {
        "slug": "comment-ecrire-un-titre-qui-donne-envie-de-lire",
        "title": "Comment écrire un titre qui donne envie de lire ?",
        "standfirst": (
            "Le titre est souvent la seule phrase que l'on lira de votre article. Quelques "
            "principes simples permettent de le rendre clair, précis et désirable, sans tomber "
            "dans le racolage."
        ),
        "body": """<p>Sur une page d'accueil, dans un fil d'actualité ou dans une liste de
résultats, votre titre se bat seul. Il n'a ni image pour le soutenir, ni chapô pour le
compléter, et il dispose de quelques dixièmes de seconde pour convaincre. C'est pourquoi tant
de rédactions passent plus de temps sur dix mots de titre que sur le premier paragraphe de
l'article.</p>
<p>Pourtant, un bon titre ne relève pas de l'inspiration. Il obéit à une poignée de règles que
l'on peut apprendre, tester et transmettre.</p>
<h2>Dire avant de séduire</h2>
<p>La première fonction d'un titre est informative : le lecteur doit savoir de quoi parle
l'article avant de décider s'il le lit. Les titres « malins », construits sur un jeu de mots ou
une référence culturelle, fonctionnent bien en presse imprimée, où la mise en page, la photo et
le surtitre apportent le contexte. Sur le web, ils arrivent souvent nus : dans un moteur de
recherche, dans un partage sur un réseau social, dans une notification. Privés de leur décor,
ils deviennent énigmatiques.</p>
<p>Un test simple consiste à lire son titre hors de tout contexte, comme s'il apparaissait dans
une liste de dix liens. Si l'on ne devine pas le sujet, il faut le reprendre.</p>
<h2>Les quatre qualités d'un titre efficace</h2>
<ul>
<li><strong>Clarté</strong> : le sujet est identifiable immédiatement, sans connaissance
préalable.</li>
<li><strong>Précision</strong> : un chiffre, un lieu, un public ou un bénéfice concret valent
mieux qu'une formule générale.</li>
<li><strong>Brièveté</strong> : au-delà de 65 à 70 caractères, le titre risque d'être tronqué
dans les résultats de recherche et sur mobile.</li>
<li><strong>Honnêteté</strong> : l'article doit tenir la promesse du titre, faute de quoi le
lecteur repart aussitôt et ne revient pas.</li>
</ul>
<h2>La question, une arme à manier avec soin</h2>
<p>Le titre interrogatif a mauvaise réputation, et ce n'est pas toujours mérité. Il fonctionne
très bien lorsqu'il reprend une question que le lecteur se pose réellement : « Faut-il encore
écrire des articles longs ? » ou « Combien de temps laisser reposer un brouillon ? ». Il
devient en revanche agaçant lorsque la réponse est évidente, ou lorsqu'il sert à suggérer une
information que l'on n'a pas vérifiée.</p>
<p>Une règle pratique : si vous ne pouvez pas répondre clairement à la question dans les trois
premiers paragraphes, changez de formulation.</p>
<h2>Écrire plusieurs versions</h2>
<p>Les rédacteurs expérimentés écrivent rarement un seul titre. Ils en produisent cinq ou dix,
puis éliminent. Cet exercice oblige à explorer des angles différents : le bénéfice pour le
lecteur, le fait le plus surprenant, le public concerné, la méthode. Souvent, le meilleur titre
naît du croisement de deux versions.</p>
<p>Vous pouvez aussi distinguer le titre affiché sur la page de celui qui apparaîtra dans les
moteurs de recherche et sur les réseaux sociaux. La plupart des outils de publication le
permettent, et c'est l'occasion d'ajuster la longueur ou le vocabulaire sans trahir le propos,
comme nous l'expliquions dans notre article consacré au
<a href="https://example.org/articles/seo-editorial-ecrire-pour-les-humains-d-abord/">SEO
éditorial</a>.</p>
<h2>Et le chapô ?</h2>
<p>Un titre ne travaille jamais seul très longtemps. Dès que le lecteur clique, le chapô prend
le relais et confirme la promesse. Penser les deux ensemble évite les redites et permet au
titre de rester court : ce qu'il ne dit pas, le chapô le précisera.</p>
<p>Et vous, combien de versions écrivez-vous avant de choisir votre titre ? Partagez vos
méthodes en commentaire.</p>""",
        "category": "redaction-web",
        "tags": ["titres", "SEO", "lisibilité", "chapô"],
        "authors": ["claire-vasseur"],
        "days_ago": 2,
        "featured": False,
        "comments": [
            {
                "name": "Sophie L.",
                "email": "sophie.l@example.org",
                "website": "",
                "body": (
                    "J'écris en général une dizaine de titres, puis je les fais lire à une "
                    "collègue sans lui montrer l'article. Celui qu'elle comprend le mieux gagne "
                    "presque toujours."
                ),
                "replies": [
                    {
                        "name": "Claire V.",
                        "email": "claire.vasseur@example.org",
                        "website": "https://example.org/equipe/claire-vasseur",
                        "body": (
                            "Excellente méthode, Sophie. Le regard extérieur est souvent plus "
                            "sévère que le nôtre, et plus juste aussi."
                        ),
                        "replies": [],
                    },
                ],
            },
            {
                "name": "Marc D.",
                "email": "marc.d@example.net",
                "website": "https://example.net/marc-d",
                "body": (
                    "Merci pour le rappel sur la longueur. Je découvre qu'on peut définir un "
                    "titre différent pour les moteurs de recherche, je vais regarder comment "
                    "faire dans notre outil."
                ),
                "replies": [],
            },
            {
                "name": "Pierre-Yves M.",
                "email": "pierre-yves.m@example.org",
                "website": "",
                "body": (
                    "Le test du titre hors contexte est redoutable. Je viens de l'appliquer à nos "
                    "cinq derniers articles : deux ne passent pas."
                ),
                "replies": [],
            },
        ],
    },
    {
        "slug": "le-chapo-cet-oublie-de-la-redaction-web",
        "title": "Le chapô, cet oublié de la rédaction web",
        "standfirst": (
            "Entre le titre et le premier paragraphe, le chapô est souvent rédigé à la hâte, "
            "voire supprimé. C'est pourtant lui qui transforme un clic en lecture."
        ),
        "body": """<p>Dans la presse écrite, le chapô est une institution. Ces quelques lignes
en gras, placées sous le titre, résument l'article et donnent envie d'aller plus loin. Sur le
web, il a parfois disparu des gabarits, ou bien il se confond avec la « description » que l'on
remplit à la dernière minute pour les moteurs de recherche. C'est dommage : aucun autre élément
de la page ne joue un rôle aussi décisif dans la décision de poursuivre la lecture.</p>
<h2>À quoi sert un chapô ?</h2>
<p>Le chapô répond à une question simple que se pose tout lecteur arrivé sur une page :
« Est-ce bien ce que je cherchais, et cela vaut-il mon temps ? ». Il doit donc à la fois
confirmer le sujet annoncé par le titre et apporter une information supplémentaire : un angle,
un enjeu, une promesse de contenu.</p>
<p>On distingue généralement trois grandes familles de chapôs :</p>
<ul>
<li><strong>Le chapô résumé</strong> : il condense l'essentiel de l'article en deux ou trois
phrases. C'est le plus sûr pour un contenu informatif ou pratique.</li>
<li><strong>Le chapô incitatif</strong> : il pose un problème ou une tension sans tout
dévoiler, pour donner envie de découvrir la suite.</li>
<li><strong>Le chapô contextuel</strong> : il rappelle l'actualité ou la situation qui justifie
l'article, ce qui est utile pour les sujets qui s'inscrivent dans un débat.</li>
</ul>
<h2>Les erreurs les plus fréquentes</h2>
<p>La première consiste à répéter le titre avec d'autres mots. Le lecteur a l'impression de
lire deux fois la même chose et n'apprend rien. La seconde, plus répandue encore, est le chapô
« d'échauffement » : une phrase générale sur l'importance du sujet (« À l'heure du numérique,
la communication est devenue essentielle ») qui ne dit rien de l'article lui-même.</p>
<p>Autre piège : le chapô trop long. Au-delà de quarante à cinquante mots, il cesse d'être une
porte d'entrée et devient un premier paragraphe déguisé. Sur mobile, il repousse le début du
texte loin sous le titre.</p>
<h2>Une méthode en trois temps</h2>
<ol>
<li>Écrivez l'article d'abord, le chapô ensuite. Vous saurez alors exactement ce que vous avez
à promettre.</li>
<li>Formulez en une phrase ce que le lecteur saura, ou saura faire, après sa lecture.</li>
<li>Ajoutez si nécessaire un élément de contexte ou un fait marquant qui justifie de lire
maintenant.</li>
</ol>
<p>Relisez enfin le titre et le chapô à voix haute, l'un après l'autre. Ils doivent s'enchaîner
naturellement, comme une question et sa réponse, sans se répéter.</p>
<h2>Chapô et référencement</h2>
<p>Faut-il réutiliser le chapô comme méta-description ? Souvent, oui, à condition de vérifier
sa longueur : autour de 150 caractères pour éviter la troncature. Rédigé pour un humain, le
chapô donne généralement une meilleure description que les textes bourrés de mots-clés que l'on
croise encore trop souvent. Mais rien n'oblige à les confondre : une méta-description peut être
plus directe, plus orientée vers l'action.</p>
<blockquote><p>Un bon chapô ne résume pas seulement l'article : il dit au lecteur pourquoi il
devrait s'y intéresser.</p></blockquote>
<p>Dans votre organisation, le chapô est-il obligatoire ou facultatif ? Nous serions curieux de
connaître vos pratiques.</p>""",
        "category": "redaction-web",
        "tags": ["chapô", "titres", "lisibilité", "SEO"],
        "authors": ["julien-marchal"],
        "days_ago": 131,
        "featured": False,
        "comments": [
            {
                "name": "Élise R.",
                "email": "elise.r@example.org",
                "website": "",
                "body": (
                    "Chez nous, le chapô est obligatoire dans le gabarit, mais personne ne sait "
                    "vraiment quoi y mettre. Votre typologie en trois familles va nous aider à en "
                    "parler en réunion."
                ),
                "replies": [
                    {
                        "name": "Julien M.",
                        "email": "julien.marchal@example.org",
                        "website": "https://example.org/equipe/julien-marchal",
                        "body": (
                            "Ravi que cela vous serve. N'hésitez pas à constituer une petite "
                            "banque d'exemples réussis : c'est souvent plus parlant qu'une règle."
                        ),
                        "replies": [],
                    },
                ],
            },
            {
                "name": "Thomas G.",
                "email": "thomas.g@example.net",
                "website": "https://example.net",
                "body": (
                    "Je ne suis pas tout à fait d'accord sur la méta-description. À mes yeux, "
                    "elle doit rester distincte du chapô, car elle s'adresse à quelqu'un qui n'a "
                    "pas encore choisi votre page."
                ),
                "replies": [
                    {
                        "name": "Julien M.",
                        "email": "julien.marchal@example.org",
                        "website": "https://example.org/equipe/julien-marchal",
                        "body": (
                            "C'est une position tout à fait défendable, et c'est d'ailleurs ce "
                            "que nous suggérons en fin d'article : les deux peuvent diverger dès "
                            "que l'on a le temps de les travailler séparément."
                        ),
                        "replies": [],
                    },
                ],
            },
        ],
    },
    {
        "slug": "intertitres-guider-le-lecteur-presse",
        "title": "Intertitres : guider le lecteur pressé",
        "standfirst": (
            "Sur écran, on lit d'abord en diagonale. Les intertitres servent de panneaux "
            "indicateurs : bien rédigés, ils permettent à chacun de trouver ce qu'il cherche et "
            "de décider de rester."
        ),
        "body": """<p>Observez quelqu'un lire un article sur son téléphone. Il fait défiler la
page, s'arrête sur un intertitre, lit deux phrases, reprend le défilement. Cette lecture par
balayage n'est pas un signe de paresse : c'est une stratégie raisonnable face à l'abondance de
contenus. Le rôle du rédacteur n'est pas de la combattre, mais de l'accompagner.</p>
<h2>Des intertitres qui informent</h2>
<p>Le défaut le plus courant consiste à employer des intertitres génériques : « Introduction »,
« Contexte », « Enjeux », « Conclusion ». Ils structurent le document pour son auteur, mais
n'apprennent rien au lecteur. Comparez « Contexte » et « Pourquoi les délais de paiement ont
doublé en deux ans » : le second donne une information, suscite une question et permet de
savoir si la partie vous concerne.</p>
<p>Un bon exercice consiste à lire uniquement le titre et les intertitres d'un article. Si
cette lecture suffit à comprendre l'essentiel de la démonstration, la structure est solide.</p>
<h2>Quelques règles de rédaction</h2>
<ul>
<li><strong>Longueur</strong> : visez une ligne, rarement plus de huit à dix mots.</li>
<li><strong>Parallélisme</strong> : gardez une construction homogène d'un intertitre à l'autre,
toutes des questions ou toutes des affirmations par exemple.</li>
<li><strong>Rythme</strong> : comptez un intertitre toutes les trois à cinq paragraphes ;
au-delà, le lecteur perd ses repères.</li>
<li><strong>Vocabulaire</strong> : reprenez les mots que votre public emploie, pas le jargon
interne de votre organisation.</li>
</ul>
<h2>Une hiérarchie qui compte pour tous</h2>
<p>Les intertitres ne sont pas qu'une affaire de mise en forme. Dans le code de la page, ils
correspondent à des niveaux de titres que les technologies d'assistance exploitent. Une
personne qui utilise un lecteur d'écran peut ainsi afficher la liste des titres d'une page et
naviguer directement vers la section qui l'intéresse. Encore faut-il que cette hiérarchie soit
respectée : pas de saut de niveau, pas de texte simplement mis en gras pour « faire
titre ».</p>
<p>Les moteurs de recherche s'appuient eux aussi sur cette structure pour comprendre
l'organisation d'un contenu. Un intertitre clair, qui reprend naturellement les termes du
sujet, contribue au référencement sans qu'il soit nécessaire d'y entasser des mots-clés.</p>
<h3>Faut-il numéroter ?</h3>
<p>La numérotation se justifie pour les contenus séquentiels : un tutoriel, une procédure, une
liste d'étapes. Pour un article d'analyse ou d'opinion, elle alourdit la lecture et donne une
impression de rapport administratif.</p>
<h2>Quand l'intertitre révèle un problème de plan</h2>
<p>Si vous peinez à trouver un intertitre pour une section, c'est souvent qu'elle mélange
plusieurs idées, ou qu'elle n'en contient aucune. L'intertitre devient alors un outil de
relecture : il oblige à vérifier que chaque partie a une fonction précise dans l'article. Il
arrive même qu'en rédigeant les intertitres, on s'aperçoive que l'ordre des parties ne tient
pas et qu'il vaut mieux inverser deux sections.</p>
<p>Et vous, rédigez-vous vos intertitres avant ou après le texte ?</p>""",
        "category": "redaction-web",
        "tags": ["intertitres", "lisibilité", "accessibilité", "relecture"],
        "authors": ["claire-vasseur"],
        "days_ago": 23,
        "featured": False,
        "comments": [
            {
                "name": "Awa K.",
                "email": "awa.k@example.org",
                "website": "",
                "body": (
                    "Je rédige mes intertitres avant le texte, comme un plan détaillé. Puis je "
                    "les réécris presque tous à la fin !"
                ),
                "replies": [],
            },
            {
                "name": "Léa B.",
                "email": "lea.b@example.net",
                "website": "https://example.net/lea-b",
                "body": (
                    "Merci d'avoir évoqué les lecteurs d'écran. On oublie trop souvent qu'un "
                    "texte en gras n'est pas un titre."
                ),
                "replies": [
                    {
                        "name": "Nadia B.",
                        "email": "nadia.benali@example.net",
                        "website": "https://example.net/nadia-benali",
                        "body": (
                            "Exactement, Léa. L'inverse est vrai aussi : choisir un niveau de "
                            "titre pour sa taille de police plutôt que pour sa place dans la "
                            "structure reste une erreur fréquente."
                        ),
                        "replies": [],
                    },
                ],
            },
        ],
    },
    {
        "slug": "pourquoi-lit-on-differemment-a-l-ecran",
        "title": "Pourquoi lit-on différemment à l'écran ?",
        "standfirst": (
            "Fatigue visuelle, interruptions, petits écrans : la lecture numérique a ses "
            "contraintes. Les comprendre aide à écrire des textes plus simples à parcourir, sans "
            "les appauvrir."
        ),
        "body": """<p>On entend souvent que « personne ne lit sur le web ». L'affirmation est
fausse : on lit énormément à l'écran, parfois des textes très longs. Mais on lit autrement. Le
lecteur numérique est sollicité en permanence, il change d'onglet, reçoit des notifications,
commence un article dans le métro puis le termine sur un ordinateur. Écrire pour lui suppose de
tenir compte de ces conditions, pas de renoncer à la profondeur.</p>
<h2>Trois contraintes à garder en tête</h2>
<ul>
<li><strong>L'attention fragmentée</strong> : le lecteur peut quitter la page à tout moment.
Chaque paragraphe doit pouvoir se comprendre sans avoir mémorisé le précédent dans ses moindres
détails.</li>
<li><strong>Le petit écran</strong> : sur mobile, un paragraphe de six lignes sur ordinateur en
occupe facilement quinze. Ce qui semblait aéré devient un bloc compact.</li>
<li><strong>La diversité des lecteurs</strong> : certains lisent avec une loupe d'écran,
d'autres avec une synthèse vocale, d'autres encore dans une langue qui n'est pas leur langue
maternelle.</li>
</ul>
<h2>Ce que cela change dans l'écriture</h2>
<p>La première conséquence porte sur la place de l'information. Le web privilégie la structure
dite de la pyramide inversée : l'essentiel d'abord, les détails ensuite. Ce n'est pas une règle
absolue, mais un point de départ utile. Un lecteur qui s'arrête au deuxième paragraphe doit
repartir avec l'idée principale.</p>
<p>La deuxième concerne la phrase. Une phrase longue n'est pas interdite, à condition d'être
bien construite et de ne pas enchaîner les subordonnées. L'alternance entre phrases courtes et
phrases plus amples donne du rythme et soulage l'œil. Méfiez-vous en revanche des phrases où le
verbe principal n'arrive qu'à la troisième ligne.</p>
<p>La troisième touche au vocabulaire. Un mot courant et précis vaut mieux qu'un terme
technique, sauf si votre public l'emploie lui-même. Lorsqu'un terme spécialisé est
indispensable, définissez-le à sa première occurrence.</p>
<h2>Lisibilité n'est pas simplification</h2>
<p>On confond parfois écrire lisible et écrire simpliste. Il ne s'agit pas de supprimer les
nuances ou de réduire chaque idée à un slogan, mais d'éliminer les obstacles inutiles : les
tournures passives en cascade, les nominalisations (« la mise en œuvre de la réalisation du
projet »), les sigles jamais expliqués. Un texte exigeant peut être parfaitement lisible.</p>
<blockquote><p>La lisibilité, c'est le respect du temps et de l'attention de la personne qui
vous lit.</p></blockquote>
<h2>Tester plutôt que supposer</h2>
<p>Les indices de lisibilité automatiques donnent une indication, mais ils ne remplacent pas
l'observation. Faites lire votre texte à une personne extérieure au projet, sur son propre
téléphone, et demandez-lui de reformuler l'idée principale. Ses hésitations vous en apprendront
plus que n'importe quel score.</p>
<p>Vous pouvez aussi écouter votre texte grâce à la synthèse vocale de votre appareil. Les
phrases trop longues, les répétitions et les ponctuations mal placées deviennent immédiatement
audibles. C'est aussi une excellente façon de comprendre ce que vivent les lecteurs qui
dépendent de ces outils au quotidien.</p>""",
        "category": "redaction-web",
        "tags": ["lisibilité", "UX writing", "accessibilité"],
        "authors": ["nadia-benali"],
        "days_ago": 212,
        "featured": False,
        "comments": [],
    },
    {
        "slug": "seo-editorial-ecrire-pour-les-humains-d-abord",
        "title": "SEO éditorial : écrire pour les humains d'abord",
        "standfirst": (
            "Le référencement naturel n'est pas l'ennemi de la qualité éditoriale. Bien compris, "
            "il oblige même à se poser les bonnes questions : qui cherche quoi, avec quels mots, "
            "et pour quel besoin ?"
        ),
        "body": """<p>Pendant longtemps, le référencement a eu mauvaise presse dans les
rédactions. On l'associait à des textes artificiels, truffés de répétitions, écrits pour des
robots plutôt que pour des lecteurs. Cette époque n'a pas totalement disparu, mais les moteurs
de recherche ont beaucoup évolué : ils cherchent désormais à évaluer si une page répond
réellement à la question posée. Pour le rédacteur, c'est une bonne nouvelle. Les qualités d'un
bon texte et celles d'une page bien référencée se rejoignent de plus en plus.</p>
<h2>Partir de l'intention de recherche</h2>
<p>Derrière chaque requête se cache une intention. La personne qui tape « écrire un chapô »
veut probablement une méthode ; celle qui tape « chapô définition » cherche une explication
rapide ; celle qui tape « formation rédaction web » souhaite comparer des offres. Le même sujet
peut donc appeler des contenus très différents.</p>
<p>Avant d'écrire, posez-vous trois questions : qui va chercher ce contenu, dans quelle
situation, et que voudra-t-il faire après l'avoir lu ? Les réponses orientent l'angle, la
longueur et la structure bien plus sûrement qu'une liste de mots-clés.</p>
<h2>Les fondamentaux qui ne changent pas</h2>
<ul>
<li><strong>Le titre</strong> : il reprend les termes que le lecteur emploierait lui-même, le
plus tôt possible dans la phrase.</li>
<li><strong>Le chapô</strong> : il confirme que la page répond à la question et peut servir de
base à la méta-description.</li>
<li><strong>Les intertitres</strong> : ils structurent le propos et couvrent les questions
connexes que se pose le lecteur.</li>
<li><strong>Les liens</strong> : ils relient le contenu à d'autres pages utiles du site et
signalent sa place dans un ensemble.</li>
<li><strong>La fraîcheur</strong> : un contenu daté, mis à jour et corrigé inspire davantage
confiance qu'un texte figé depuis des années.</li>
</ul>
<h2>Le piège de la sur-optimisation</h2>
<p>Répéter une expression à chaque paragraphe n'a jamais rendu un texte meilleur, et cela ne le
rend plus mieux classé non plus. Les moteurs comprennent les synonymes, les reformulations et
le champ lexical d'un sujet. Un article qui traite sérieusement d'un thème emploie
naturellement le vocabulaire attendu. S'il faut forcer l'insertion d'un mot-clé, c'est souvent
le signe que l'article ne traite pas vraiment du sujet visé.</p>
<p>La même prudence vaut pour la longueur. Il n'existe pas de nombre de mots idéal. Un article
doit être aussi long que nécessaire pour répondre correctement, et pas davantage. Allonger
artificiellement un texte pour atteindre un seuil produit surtout des paragraphes creux que les
lecteurs sautent.</p>
<h2>Travailler avec les données, sans s'y soumettre</h2>
<p>Les outils d'analyse de recherche sont précieux pour découvrir comment votre public formule
ses questions. Ils révèlent parfois des attentes insoupçonnées et suggèrent de nouveaux sujets.
Mais ils décrivent la demande existante, pas la valeur d'un contenu. Un sujet peu recherché
peut être essentiel pour votre communauté ; un sujet très recherché peut ne pas correspondre à
votre ligne éditoriale.</p>
<p>La bonne démarche consiste à croiser les deux regards : les données indiquent ce que les
gens cherchent, la ligne éditoriale définit ce que vous avez de légitime et d'utile à leur
dire. C'est à cette intersection que naissent les contenus qui durent.</p>
<p>Quels outils utilisez-vous pour comprendre les questions de vos lecteurs ? Dites-le-nous en
commentaire.</p>""",
        "category": "referencement",
        "tags": ["SEO", "mots-clés", "titres", "lisibilité", "liens"],
        "authors": ["julien-marchal"],
        "days_ago": 6,
        "featured": True,
        "comments": [
            {
                "name": "Marc D.",
                "email": "marc.d@example.net",
                "website": "https://example.net/marc-d",
                "body": (
                    "Enfin un article qui réconcilie référencement et écriture ! Je vais le "
                    "transmettre à notre direction, qui nous demande encore des textes de 1 500 "
                    "mots minimum."
                ),
                "replies": [
                    {
                        "name": "Julien M.",
                        "email": "julien.marchal@example.org",
                        "website": "https://example.org/equipe/julien-marchal",
                        "body": (
                            "Merci Marc. Si cela peut aider, l'argument qui porte le plus est "
                            "souvent celui de la lecture réelle : un texte allongé "
                            "artificiellement est rarement lu jusqu'au bout."
                        ),
                        "replies": [],
                    },
                ],
            },
            {
                "name": "Sophie L.",
                "email": "sophie.l@example.org",
                "website": "",
                "body": (
                    "J'utilise surtout les suggestions de saisie des moteurs et les questions "
                    "posées à notre service client. C'est artisanal, mais très instructif."
                ),
                "replies": [],
            },
            {
                "name": "Pierre-Yves M.",
                "email": "pierre-yves.m@example.org",
                "website": "",
                "body": (
                    "Petite question : faut-il revoir les anciens articles optimisés à "
                    "l'ancienne, ou vaut-il mieux les laisser tels quels ?"
                ),
                "replies": [
                    {
                        "name": "Julien M.",
                        "email": "julien.marchal@example.org",
                        "website": "https://example.org/equipe/julien-marchal",
                        "body": (
                            "Pour les articles qui attirent encore des lecteurs, une réécriture "
                            "vaut presque toujours la peine. Pour les autres, une fusion ou une "
                            "suppression est parfois la meilleure option. Nous y consacrerons "
                            "bientôt un article."
                        ),
                        "replies": [],
                    },
                    {
                        "name": "Pierre-Yves M.",
                        "email": "pierre-yves.m@example.org",
                        "website": "",
                        "body": "Merci, j'attends cet article avec impatience !",
                        "replies": [],
                    },
                ],
            },
            {
                "name": "Élise R.",
                "email": "elise.r@example.org",
                "website": "",
                "body": (
                    "Le passage sur les sujets peu recherchés mais essentiels est très juste. "
                    "C'est exactement le dilemme que nous vivons dans notre association."
                ),
                "replies": [],
            },
        ],
    },
    {
        "slug": "faut-il-encore-choisir-ses-mots-cles",
        "title": "Faut-il encore choisir ses mots-clés ?",
        "standfirst": (
            "Les moteurs comprennent aujourd'hui le sens des phrases et les synonymes. La "
            "recherche de mots-clés garde pourtant tout son intérêt, à condition d'en changer "
            "l'usage."
        ),
        "body": """<p>Il y a quelques années, un rédacteur web recevait souvent une commande
assortie d'une liste précise : un mot-clé principal à placer dans le titre, trois mots-clés
secondaires, une densité à respecter. Cette approche mécanique a largement perdu de sa
pertinence. Faut-il pour autant abandonner toute réflexion sur le vocabulaire ? Certainement
pas.</p>
<h2>Des mots-clés aux questions</h2>
<p>La recherche de mots-clés est d'abord une enquête sur le langage de votre public. Elle
révèle les termes qu'il emploie réellement, qui diffèrent parfois beaucoup de ceux de votre
organisation. Une mutuelle parlera de « garanties », ses adhérents chercheront « ce qui est
remboursé ». Une collectivité écrira « mobilités douces », les habitants chercheront « pistes
cyclables ».</p>
<p>Cet écart de vocabulaire est l'un des principaux obstacles à la découverte d'un contenu. Le
combler ne relève pas de la manipulation des moteurs de recherche, mais du simple respect du
lecteur.</p>
<h2>Une méthode en quatre étapes</h2>
<ul>
<li><strong>Lister</strong> : rassemblez les questions de vos lecteurs, à partir des demandes
reçues par le service client, des commentaires et des échanges sur les réseaux sociaux.</li>
<li><strong>Vérifier</strong> : observez comment ces questions sont formulées dans les moteurs
de recherche, grâce aux suggestions de saisie et aux outils d'analyse.</li>
<li><strong>Regrouper</strong> : rassemblez les formulations proches autour d'une même
intention, pour ne pas créer dix pages qui se font concurrence.</li>
<li><strong>Choisir</strong> : retenez l'expression principale qui guidera le titre, puis
laissez le texte employer naturellement les variantes.</li>
</ul>
<h2>Où placer l'expression principale ?</h2>
<p>Les emplacements qui comptent restent les mêmes : le titre de la page, son adresse, le
premier paragraphe et, lorsque c'est naturel, un ou deux intertitres. Inutile d'aller plus
loin. Une fois ces éléments en place, concentrez-vous sur la qualité de la réponse.</p>
<p>L'adresse de la page mérite une attention particulière. Courte, lisible, sans date ni
identifiant technique, elle rassure le lecteur qui la voit s'afficher et reste valable si
l'article est mis à jour. Préférez par exemple
<code>https://example.org/guides/ecrire-un-chapo/</code> à une adresse chargée de chiffres et
de paramètres.</p>
<h2>Le champ lexical, meilleur allié du rédacteur</h2>
<p>Un texte riche emploie le vocabulaire complet d'un sujet : les termes techniques, leurs
synonymes, les notions voisines. Un article sur les newsletters parlera naturellement d'objet,
de taux d'ouverture, d'abonnés, de fréquence d'envoi et de désinscription. Ce champ lexical
aide les moteurs à comprendre de quoi traite la page, mais il est surtout le signe que l'auteur
maîtrise son sujet.</p>
<p>Plutôt qu'une liste de mots à placer, pensez donc à une liste de notions à expliquer. Si
votre article n'aborde pas une question que tout lecteur se poserait, c'est là qu'il faut
travailler, bien avant de compter les occurrences d'une expression.</p>
<h2>Ce que les mots-clés ne diront jamais</h2>
<p>Les outils mesurent des volumes de recherche, pas des besoins. Certaines questions cruciales
sont peu formulées, simplement parce que les gens ne savent pas qu'ils peuvent les poser. Un
bon éditeur garde toujours une part de son calendrier pour ces sujets-là, que l'on découvre en
écoutant son public plutôt qu'en lisant des tableaux.</p>""",
        "category": "referencement",
        "tags": ["mots-clés", "SEO", "titres"],
        "authors": ["julien-marchal"],
        "days_ago": 167,
        "featured": False,
        "comments": [],
    },
    {
        "slug": "le-maillage-interne-explique-aux-redacteurs",
        "title": "Le maillage interne expliqué aux rédacteurs",
        "standfirst": (
            "Relier ses articles entre eux est l'un des gestes les plus simples et les plus "
            "négligés du référencement. C'est aussi un service rendu au lecteur, qui découvre "
            "d'autres contenus utiles."
        ),
        "body": """<p>Le maillage interne désigne l'ensemble des liens qui relient les pages
d'un même site. Le terme sonne technique, mais la pratique relève pleinement du travail
éditorial : décider quels contenus se répondent, dans quel ordre les proposer, avec quels mots
les annoncer. C'est au rédacteur, qui connaît les articles, de s'en charger, plutôt qu'à un
outil automatique.</p>
<h2>Pourquoi c'est important</h2>
<ul>
<li><strong>Pour le lecteur</strong> : un lien bien placé prolonge la lecture et répond à la
question suivante qu'il se pose.</li>
<li><strong>Pour les moteurs de recherche</strong> : les liens aident à découvrir les pages, à
comprendre leurs relations et à repérer les contenus que vous jugez les plus importants.</li>
<li><strong>Pour le site</strong> : les articles anciens mais toujours pertinents continuent
d'être lus, au lieu de disparaître dans les archives.</li>
</ul>
<h2>Choisir les bons liens</h2>
<p>Un lien interne doit être utile à l'endroit précis où il apparaît. Si vous évoquez la
méta-description dans un paragraphe, c'est là qu'il faut renvoyer vers votre article consacré
au <a href="https://example.org/articles/le-chapo-cet-oublie-de-la-redaction-web/">rôle du
chapô</a>, pas dans une liste de liens en fin de page que personne ne consulte.</p>
<p>Limitez-vous à quelques liens par article, choisis avec soin. Une page où chaque phrase
contient un lien devient difficile à lire et dilue l'importance de chacun d'eux.</p>
<h2>Soigner le texte du lien</h2>
<p>Le texte cliquable, que l'on appelle aussi ancre, doit décrire la destination. « Cliquez
ici » ou « en savoir plus » n'apprennent rien, ni au lecteur, ni aux moteurs, ni aux personnes
qui naviguent de lien en lien avec un lecteur d'écran. Préférez une formulation qui se suffit à
elle-même : « notre guide pour rédiger un chapô » plutôt que « ce guide ».</p>
<p>Variez aussi les formulations. Utiliser toujours exactement la même ancre pour pointer vers
une page donne une impression artificielle ; les reformulations naturelles sont
préférables.</p>
<h2>Des adresses propres</h2>
<p>Lorsque vous copiez une adresse pour créer un lien interne, vérifiez qu'elle ne contient pas
de paramètres de suivi hérités d'une campagne. Une adresse comme
<code>https://example.org/articles/titres/?utm_source=newsletter&amp;utm_medium=email</code>
fonctionne, mais elle fausse vos statistiques et crée des doublons inutiles. Le lien interne
doit pointer vers l'adresse de référence, ici
<code>https://example.org/articles/titres/</code>.</p>
<h2>Entretenir le maillage dans le temps</h2>
<p>Le maillage n'est jamais terminé. Chaque nouvel article est l'occasion de revenir sur deux
ou trois contenus plus anciens pour y ajouter un lien vers lui. Cette habitude, qui prend
quelques minutes, évite que les nouveaux articles restent isolés.</p>
<p>Une fois par an, un audit rapide permet de repérer les liens cassés, les pages vers
lesquelles rien ne pointe et les articles obsolètes à mettre à jour ou à fusionner. Un simple
tableur suffit pour commencer : une ligne par article, les liens entrants, les liens sortants,
la date de dernière révision.</p>
<p>Avez-vous déjà mené un audit de vos liens internes ? Qu'y avez-vous découvert ?</p>""",
        "category": "referencement",
        "tags": ["liens", "SEO", "relecture"],
        "authors": ["julien-marchal", "claire-vasseur"],
        "days_ago": 103,
        "featured": False,
        "comments": [
            {
                "name": "Thomas G.",
                "email": "thomas.g@example.net",
                "website": "https://example.net",
                "body": (
                    "Nous avons fait un audit l'an dernier : près d'un tiers de nos articles ne "
                    "recevaient aucun lien interne. Le simple fait de les relier a relancé leur "
                    "lecture."
                ),
                "replies": [
                    {
                        "name": "Claire V.",
                        "email": "claire.vasseur@example.org",
                        "website": "https://example.org/equipe/claire-vasseur",
                        "body": (
                            "Merci pour ce retour chiffré, Thomas. C'est un constat que l'on "
                            "retrouve sur beaucoup de sites éditoriaux."
                        ),
                        "replies": [],
                    },
                ],
            },
            {
                "name": "Awa K.",
                "email": "awa.k@example.org",
                "website": "",
                "body": (
                    "Je ne savais pas que les paramètres de suivi posaient problème dans les "
                    "liens internes. Nous en avons partout, je vais faire le ménage."
                ),
                "replies": [],
            },
        ],
    },
    {
        "slug": "rediger-des-liens-vraiment-accessibles",
        "title": "Rédiger des liens vraiment accessibles",
        "standfirst": (
            "Un lien n'est pas qu'un mot souligné : c'est une promesse de destination. Pour les "
            "personnes qui naviguent au clavier ou avec un lecteur d'écran, la manière de le "
            "rédiger change tout."
        ),
        "body": """<p>Les règles d'accessibilité numérique sont souvent perçues comme une
affaire de développeurs : contrastes, balises, attributs techniques. Pourtant, une bonne partie
de l'accessibilité d'un site dépend de ceux qui écrivent. Les liens en sont le meilleur
exemple. Aucun code, si soigné soit-il, ne rattrapera un lien intitulé « ici ».</p>
<h2>Comment les liens sont-ils perçus ?</h2>
<p>Une personne aveugle qui utilise un lecteur d'écran peut demander à son logiciel d'afficher
la liste de tous les liens de la page. Elle les parcourt alors hors de leur contexte, les uns
après les autres. Imaginez cette liste sur une page typique : « cliquez ici », « en savoir
plus », « lire la suite », « ici », « en savoir plus ». Impossible de savoir où mène
chacun.</p>
<p>Le même problème touche les personnes qui naviguent au clavier, en passant de lien en lien
avec la touche de tabulation, ou celles qui lisent en diagonale en repérant les mots soulignés.
Dans tous ces cas, le lien doit se comprendre seul.</p>
<h2>Cinq principes pour des liens explicites</h2>
<ul>
<li><strong>Décrire la destination</strong> : « consulter le calendrier des formations » plutôt
que « cliquez ici ».</li>
<li><strong>Éviter les doublons trompeurs</strong> : deux liens identiques doivent mener à la
même page ; deux destinations différentes méritent deux intitulés différents.</li>
<li><strong>Signaler les surprises</strong> : indiquez lorsqu'un lien ouvre un fichier à
télécharger, avec son format et son poids, par exemple « rapport annuel (PDF, 2 Mo) ».</li>
<li><strong>Préférer le texte aux adresses</strong> : une adresse brute est pénible à écouter ;
réservez-la aux cas où le lecteur doit la recopier.</li>
<li><strong>Rester concis</strong> : un lien qui couvre une phrase entière est difficile à
repérer et fatigant à écouter.</li>
</ul>
<h2>Le cas des boutons et des appels à l'action</h2>
<p>Les mêmes principes valent pour les boutons. « Valider », « Envoyer » ou « OK » sont
acceptables lorsque le contexte est évident, par exemple à la fin d'un formulaire court. Dans
une page qui contient plusieurs actions, préférez des intitulés précis : « S'inscrire à la
newsletter », « Télécharger le programme ». C'est l'un des terrains favoris de l'UX writing,
qui s'intéresse justement à ces micro-textes d'interface.</p>
<h2>Et l'ouverture dans un nouvel onglet ?</h2>
<p>Ouvrir systématiquement les liens externes dans un nouvel onglet est une habitude répandue,
mais discutable. Pour beaucoup de personnes, notamment celles qui utilisent des aides
techniques, ce comportement est déroutant : le bouton de retour ne fonctionne plus comme prévu.
Si vous y tenez, prévenez le lecteur dans le texte du lien ou par une mention visible.</p>
<h2>Une relecture dédiée</h2>
<p>Pour vérifier vos liens, relisez votre texte en ne regardant que les passages cliquables.
Chacun doit indiquer clairement où il mène. Cette relecture prend deux minutes et profite à
tous les lecteurs, pas seulement à ceux qui vivent avec un handicap.</p>
<p>Pour aller plus loin, notre <a href="/devenez-chroniqueur/charte/">charte
éditoriale</a> détaille les règles d'accessibilité que nous demandons aux auteurs de ce blog de
respecter.</p>""",
        "category": "referencement",
        "tags": ["accessibilité", "liens", "UX writing", "relecture"],
        "authors": ["nadia-benali"],
        "days_ago": 37,
        "featured": False,
        "comments": [
            {
                "name": "Léa B.",
                "email": "lea.b@example.net",
                "website": "https://example.net/lea-b",
                "body": (
                    "Le point sur les liens qui ouvrent un nouvel onglet est régulièrement "
                    "débattu dans mon équipe. Vos arguments vont m'aider à convaincre."
                ),
                "replies": [],
            },
            {
                "name": "Pierre-Yves M.",
                "email": "pierre-yves.m@example.org",
                "website": "",
                "body": (
                    "Que pensez-vous des liens « en savoir plus » complétés par un texte masqué "
                    "visuellement, destiné aux lecteurs d'écran ?"
                ),
                "replies": [
                    {
                        "name": "Nadia B.",
                        "email": "nadia.benali@example.net",
                        "website": "https://example.net/nadia-benali",
                        "body": (
                            "C'est une solution technique acceptable, mais elle crée un écart "
                            "entre ce que voient et ce qu'entendent les lecteurs. Quand c'est "
                            "possible, je préfère un intitulé explicite et visible pour tout le "
                            "monde."
                        ),
                        "replies": [],
                    },
                    {
                        "name": "Léa B.",
                        "email": "lea.b@example.net",
                        "website": "https://example.net/lea-b",
                        "body": (
                            "Même avis de notre côté : le texte masqué finit souvent par ne plus "
                            "correspondre au lien après quelques mises à jour."
                        ),
                        "replies": [],
                    },
                ],
            },
        ],
    },
    {
        "slug": "linkedin-ecrire-un-post-qui-ne-ressemble-pas-a-une-publicite",
        "title": "LinkedIn : écrire un post qui ne ressemble pas à une publicité",
        "standfirst": (
            "Les fils professionnels débordent de messages promotionnels que personne ne lit. "
            "Pour être lu, un post doit d'abord apporter quelque chose à ceux qui le croisent."
        ),
        "body": """<p>Sur LinkedIn, l'écriture a pris une place considérable. Entreprises,
dirigeants et salariés publient chaque jour des textes plus ou moins longs, avec un objectif
commun : être vus par les bonnes personnes. Le résultat est un fil saturé de messages qui se
ressemblent, entre annonces triomphales, leçons de vie et formules calibrées. Dans ce bruit,
les posts qui se distinguent sont souvent les plus simples.</p>
<h2>Commencer par le lecteur</h2>
<p>Un post qui parle uniquement de son auteur ou de son entreprise ressemble à une publicité,
et il est lu comme tel, c'est-à-dire peu. Avant d'écrire, demandez-vous ce que la personne qui
lira votre message pourra en retirer : une information, une méthode, un point de vue argumenté,
une ressource utile. L'annonce d'un nouveau contrat devient plus intéressante lorsqu'elle
raconte le problème résolu pour le client plutôt que la fierté de l'équipe.</p>
<h2>Les premières lignes décident de tout</h2>
<p>Le fil n'affiche que le début du message avant le fameux « voir plus ». Ces deux ou trois
lignes jouent le rôle d'un titre et d'un chapô réunis. Elles doivent poser le sujet et donner
une raison de continuer. Évitez les entrées en matière interchangeables (« Je suis heureux de
vous annoncer… ») et les accroches faussement mystérieuses qui ne tiennent pas leurs
promesses.</p>
<h2>Une structure lisible</h2>
<ul>
<li><strong>Une idée par post</strong> : si vous avez trois choses à dire, faites trois
posts.</li>
<li><strong>Des paragraphes courts</strong> : deux ou trois phrases suffisent pour respirer,
sans tomber dans la ligne unique à chaque phrase.</li>
<li><strong>Du concret</strong> : un chiffre, un exemple, une anecdote vérifiable valent mieux
qu'une généralité inspirante.</li>
<li><strong>Une fin ouverte</strong> : une question sincère invite aux réponses bien mieux
qu'un appel à « liker et partager ».</li>
</ul>
<h2>Le storytelling, oui, le théâtre, non</h2>
<p>Raconter une histoire reste l'un des moyens les plus efficaces de capter l'attention. Une
difficulté rencontrée sur un projet, une erreur dont on a tiré une leçon, une conversation qui
a changé votre manière de travailler : ces récits fonctionnent parce qu'ils sont spécifiques.
Le danger commence lorsque le récit devient une mise en scène, avec ses rebondissements
fabriqués et sa morale obligatoire. Les lecteurs ne sont pas dupes, et la crédibilité se perd
vite.</p>
<h2>Émojis, hashtags et mise en forme</h2>
<p>Les émojis peuvent servir de repères visuels, avec parcimonie. Rappelez-vous qu'ils sont lus
à voix haute par les lecteurs d'écran : une ligne de cinq fusées devient une énumération
pénible. Les hashtags, eux, sont utiles en petit nombre, placés à la fin et écrits avec une
majuscule à chaque mot (#EcrireLeWeb plutôt que #ecrireleweb) pour rester lisibles par
tous.</p>
<p>Enfin, ne négligez pas la relecture. Une faute dans un post professionnel se remarque
davantage qu'ailleurs, et elle reste attachée à votre nom.</p>
<p>Quel est le dernier post LinkedIn qui vous a réellement appris quelque chose ? Racontez-nous
en commentaire ce qui l'a rendu mémorable.</p>""",
        "category": "reseaux-sociaux",
        "tags": ["LinkedIn", "storytelling", "engagement", "accessibilité"],
        "authors": ["claire-vasseur"],
        "days_ago": 16,
        "featured": False,
        "comments": [
            {
                "name": "Sophie L.",
                "email": "sophie.l@example.org",
                "website": "",
                "body": (
                    "Le dernier post qui m'a marquée racontait un appel d'offres perdu et ce que "
                    "l'équipe avait changé ensuite. Aucune morale, juste des faits."
                ),
                "replies": [
                    {
                        "name": "Claire V.",
                        "email": "claire.vasseur@example.org",
                        "website": "https://example.org/equipe/claire-vasseur",
                        "body": (
                            "C'est exactement le genre de récit que nous avions en tête. Merci "
                            "Sophie."
                        ),
                        "replies": [],
                    },
                ],
            },
            {
                "name": "Marc D.",
                "email": "marc.d@example.net",
                "website": "https://example.net/marc-d",
                "body": (
                    "Merci pour le rappel sur les hashtags en majuscules, je ne connaissais pas "
                    "l'enjeu pour les lecteurs d'écran."
                ),
                "replies": [],
            },
            {
                "name": "Awa K.",
                "email": "awa.k@example.org",
                "website": "",
                "body": (
                    "Je trouve que la mode des phrases isolées, une par ligne, commence à lasser. "
                    "Vous avez raison de la mentionner."
                ),
                "replies": [],
            },
        ],
    },
    {
        "slug": "le-storytelling-de-marque-peut-il-rester-sobre",
        "title": "Le storytelling de marque peut-il rester sobre ?",
        "standfirst": (
            "Le mot « storytelling » évoque souvent des récits grandiloquents et des vidéos "
            "émouvantes. Il existe pourtant une façon plus modeste, et souvent plus efficace, de "
            "raconter une organisation."
        ),
        "body": """<p>Le storytelling a connu une fortune remarquable dans la communication des
marques. Tout devait devenir récit : la création de l'entreprise, le parcours du fondateur, la
fabrication du moindre produit. À force, le procédé s'est usé. Les lecteurs reconnaissent
immédiatement la structure attendue, le garage des débuts, l'obstacle surmonté, la mission qui
dépasse l'entreprise. Faut-il pour autant renoncer à raconter ? Nous pensons au contraire que
le récit reste un outil précieux, à condition de le ramener à une échelle humaine.</p>
<h2>Ce qui rend une histoire crédible</h2>
<p>Une bonne histoire de marque ne repose pas sur l'emphase, mais sur la précision. Le lecteur
croit ce qu'il peut se représenter : un lieu, un geste, une date, une phrase prononcée. « Nous
plaçons l'humain au cœur de notre démarche » ne raconte rien. « Chaque lundi, l'équipe du
support lit à voix haute trois messages de clients reçus la semaine précédente » raconte déjà
quelque chose.</p>
<ul>
<li><strong>Des personnes</strong> : nommées quand c'est possible, avec leur accord, plutôt que
des « collaborateurs » abstraits.</li>
<li><strong>Des faits</strong> : vérifiables, datés, mesurables lorsque cela a du sens.</li>
<li><strong>Une tension</strong> : un problème réel, une hésitation, un choix difficile ; sans
difficulté, il n'y a pas d'histoire.</li>
<li><strong>De la retenue</strong> : laisser le lecteur tirer lui-même la conclusion plutôt que
la lui asséner.</li>
</ul>
<h2>Les petites histoires plutôt que la grande</h2>
<p>Plutôt que de chercher le grand récit fondateur, les organisations gagnent à collecter les
petites histoires du quotidien : un technicien qui a trouvé une solution inattendue, une
cliente qui utilise un service d'une manière que personne n'avait prévue, un projet abandonné
et ce qu'il a appris à l'équipe. Ces récits courts se prêtent bien aux réseaux sociaux, aux
newsletters, aux pages consacrées au recrutement. Mis bout à bout, ils composent un portrait
plus convaincant que n'importe quel manifeste.</p>
<h2>Le ton juste</h2>
<p>La sobriété n'est pas la froideur. On peut écrire avec chaleur sans superlatifs, avec
émotion sans pathos. Quelques repères aident à garder la mesure : bannir les adjectifs qui
évaluent (« incroyable », « exceptionnel ») au profit de ceux qui décrivent, préférer le
présent et les verbes d'action, citer les personnes avec leurs propres mots plutôt que de les
traduire en langage institutionnel.</p>
<blockquote><p>Une histoire sobre fait confiance au lecteur. Une histoire emphatique le
soupçonne de ne pas avoir compris.</p></blockquote>
<h2>Raconter aussi ce qui n'a pas marché</h2>
<p>Les récits d'échec sont paradoxalement parmi les plus crédibles. Une organisation qui
explique pourquoi elle a retiré un produit, ce qu'elle a mal évalué et ce qu'elle a changé
ensuite inspire plus de confiance que celle qui ne publie que des succès. Encore faut-il que
l'exercice soit sincère : l'échec présenté comme une réussite déguisée ne trompe personne.</p>
<p>Le storytelling sobre demande plus de travail que le storytelling spectaculaire. Il faut
enquêter, écouter, vérifier, puis couper. Mais il produit des textes que l'on a envie de lire
jusqu'au bout, ce qui reste le meilleur indicateur de réussite.</p>""",
        "category": "reseaux-sociaux",
        "tags": ["storytelling", "ton éditorial", "engagement"],
        "authors": ["nadia-benali", "claire-vasseur"],
        "days_ago": 64,
        "featured": False,
        "comments": [],
    },
    {
        "slug": "adapter-un-article-aux-reseaux-sociaux-sans-le-trahir",
        "title": "Adapter un article aux réseaux sociaux sans le trahir",
        "standfirst": (
            "Partager un article ne se résume pas à coller son lien. Chaque plateforme a ses "
            "codes, mais le message doit rester fidèle au contenu qu'il annonce."
        ),
        "body": """<p>Un article publié sur un site vit en grande partie grâce à sa diffusion.
Newsletter, réseaux sociaux, messageries : c'est souvent par ces canaux que le lecteur le
découvre. Or le texte d'accompagnement est fréquemment rédigé en quelques secondes, au moment
de programmer la publication. C'est pourtant lui qui décidera si l'on clique.</p>
<h2>Un message, plusieurs formats</h2>
<p>Chaque plateforme impose ses contraintes : longueur, place de l'image, troncature du texte,
usages de la communauté. Un même article appelle donc plusieurs versions de son message de
partage. Le piège est de chercher à plaire à chaque plateforme au point d'en oublier le
contenu : une accroche racoleuse peut attirer des clics, mais elle déçoit ceux qui arrivent sur
un article plus nuancé qu'annoncé.</p>
<p>La règle de base est simple : le message de partage doit pouvoir être signé par l'auteur de
l'article.</p>
<h2>Quatre angles pour un même article</h2>
<ul>
<li><strong>La citation</strong> : extraire une phrase forte de l'article, entre guillemets,
avec son contexte.</li>
<li><strong>Le chiffre</strong> : mettre en avant une donnée marquante et sourcée, qui donne
envie d'en savoir plus.</li>
<li><strong>La question</strong> : partir d'une interrogation que se pose le public visé et à
laquelle l'article répond.</li>
<li><strong>Le conseil</strong> : livrer l'un des conseils pratiques de l'article, en
promettant les autres.</li>
</ul>
<p>Ces angles permettent aussi de partager un même contenu plusieurs fois, à quelques semaines
d'intervalle, sans se répéter.</p>
<h2>Soigner l'aperçu</h2>
<p>Lorsqu'on partage un lien, la plateforme affiche un aperçu composé d'un titre, d'une image
et parfois d'une courte description. Ces éléments proviennent de métadonnées que votre outil de
publication permet généralement de définir. Vérifiez-les avant chaque partage : une image mal
recadrée ou un titre tronqué suffisent à rendre l'aperçu peu engageant.</p>
<p>Lorsque vous publiez une image, n'oubliez pas le texte alternatif, que la plupart des
réseaux permettent désormais de renseigner. Il décrit l'image pour les personnes qui ne la
voient pas. Pour une infographie, il doit en restituer l'information principale, pas seulement
indiquer « infographie ».</p>
<h2>Écouter ce qui revient</h2>
<p>Le partage n'est pas une diffusion à sens unique. Les commentaires, les questions et même
les critiques publiées sous un message sont une mine d'informations : ils révèlent ce que les
lecteurs ont compris, ce qui les a surpris, ce qui manquait. Répondre, c'est prolonger
l'article ; noter ces réactions, c'est préparer les suivants.</p>
<h3>Une petite fiche de partage</h3>
<p>Pour gagner du temps, certaines rédactions ajoutent au bas de chaque brouillon une fiche de
partage : trois messages pour les réseaux sociaux, une phrase pour la newsletter, une
suggestion d'image et son texte alternatif. Rédigés par l'auteur au moment où l'article est
encore frais dans son esprit, ces textes sont souvent meilleurs que ceux écrits à la hâte le
jour de la publication.</p>""",
        "category": "reseaux-sociaux",
        "tags": ["engagement", "LinkedIn", "titres", "accessibilité", "newsletter"],
        "authors": ["julien-marchal"],
        "days_ago": 51,
        "featured": False,
        "comments": [
            {
                "name": "Élise R.",
                "email": "elise.r@example.org",
                "website": "",
                "body": (
                    "L'idée de la fiche de partage en bas du brouillon est excellente. Je la mets "
                    "en place dès la semaine prochaine."
                ),
                "replies": [],
            },
            {
                "name": "Thomas G.",
                "email": "thomas.g@example.net",
                "website": "https://example.net",
                "body": (
                    "Le texte alternatif des infographies est un vrai casse-tête. Avez-vous des "
                    "exemples de bonnes pratiques ?"
                ),
                "replies": [
                    {
                        "name": "Julien M.",
                        "email": "julien.marchal@example.org",
                        "website": "https://example.org/equipe/julien-marchal",
                        "body": (
                            "Une piste simple : rédiger le texte alternatif comme la phrase qui "
                            "résumerait l'infographie à l'oral. Si elle contient beaucoup de "
                            "données, renvoyez vers un tableau détaillé dans l'article."
                        ),
                        "replies": [],
                    },
                ],
            },
        ],
    },
    {
        "slug": "objet-de-newsletter-combien-de-mots-pour-convaincre",
        "title": "Objet de newsletter : combien de mots pour convaincre ?",
        "standfirst": (
            "Dans une boîte de réception encombrée, l'objet d'un e-mail décide de son ouverture. "
            "Longueur, ton, personnalisation : tour d'horizon des choix qui comptent vraiment."
        ),
        "body": """<p>L'objet d'une newsletter est un titre soumis à des conditions extrêmes.
Il apparaît au milieu de dizaines d'autres messages, souvent sur un écran de téléphone, à côté
du nom de l'expéditeur et d'une courte ligne d'aperçu. Le lecteur décide en un instant :
ouvrir, garder pour plus tard, supprimer. Comment écrire pour ce moment-là ?</p>
<h2>Court, mais pas à tout prix</h2>
<p>La question de la longueur revient sans cesse. Sur mobile, la plupart des messageries
n'affichent qu'une trentaine à une quarantaine de caractères de l'objet. Il est donc prudent de
placer l'information essentielle au début. Pour autant, un objet très court n'est pas forcément
meilleur : « Nouveautés » ou « Lettre numéro 42 » ne disent rien du contenu. Mieux vaut un
objet un peu plus long mais précis qu'un objet bref et creux.</p>
<h2>Le trio expéditeur, objet, aperçu</h2>
<p>L'objet ne fonctionne jamais seul. Il est lu avec le nom de l'expéditeur, qui inspire ou non
confiance, et avec le texte d'aperçu, ces quelques mots affichés juste en dessous. Ce dernier
est souvent négligé : s'il n'est pas défini, la messagerie reprend le début du message, qui est
parfois « Afficher cette lettre dans votre navigateur ». Un aperçu soigné complète l'objet
comme le chapô complète le titre.</p>
<ul>
<li><strong>L'expéditeur</strong> : un nom reconnaissable et stable, éventuellement associé à
celui d'une personne.</li>
<li><strong>L'objet</strong> : le sujet principal de l'envoi, formulé comme un titre
d'article.</li>
<li><strong>L'aperçu</strong> : un complément d'information, pas une répétition de
l'objet.</li>
</ul>
<h2>Ce qui fonctionne, ce qui lasse</h2>
<p>Les objets qui annoncent un contenu concret obtiennent généralement de bons résultats : une
question que se pose le lecteur, un chiffre, le nom d'un sujet d'actualité. À l'inverse, les
procédés agressifs s'usent vite. Les majuscules, les points d'exclamation multiples et les
fausses urgences (« Dernière chance ! ») évoquent les messages indésirables, et certains
filtres les traitent comme tels.</p>
<p>La personnalisation avec le prénom de l'abonné a longtemps été présentée comme une recette
miracle. Son effet s'est émoussé à mesure qu'elle se généralisait, et une erreur de fusion
(« Bonjour [Prénom] ») fait plus de tort que de bien.</p>
<h2>Tester, mais avec méthode</h2>
<p>La plupart des outils d'envoi permettent de tester deux objets sur une partie de la liste
avant d'envoyer le gagnant au reste des abonnés. Ces tests sont utiles à condition de ne
modifier qu'un élément à la fois et de disposer d'une liste suffisamment grande pour que les
écarts aient un sens. Sur quelques centaines d'abonnés, les différences observées relèvent
souvent du hasard.</p>
<p>Gardez aussi à l'esprit que le taux d'ouverture est devenu une mesure imparfaite, certaines
messageries ouvrant automatiquement les messages pour protéger la vie privée de leurs
utilisateurs. Les clics et, mieux encore, les réponses des lecteurs sont des indicateurs plus
fiables de l'intérêt réel.</p>
<p>Quel est l'objet de newsletter qui vous a donné le plus envie d'ouvrir un message
récemment ? Partagez-le en commentaire, nous en ferons peut-être une sélection.</p>""",
        "category": "newsletters",
        "tags": ["newsletter", "titres", "engagement"],
        "authors": ["claire-vasseur"],
        "days_ago": 9,
        "featured": False,
        "comments": [
            {
                "name": "Léa B.",
                "email": "lea.b@example.net",
                "website": "https://example.net/lea-b",
                "body": (
                    "Récemment : « Trois phrases à supprimer de vos e-mails professionnels ». "
                    "Concret, court, et je l'ai ouvert immédiatement."
                ),
                "replies": [
                    {
                        "name": "Claire V.",
                        "email": "claire.vasseur@example.org",
                        "website": "https://example.org/equipe/claire-vasseur",
                        "body": (
                            "Très bon exemple : un chiffre, une promesse claire et un bénéfice "
                            "immédiat. Merci Léa !"
                        ),
                        "replies": [],
                    },
                ],
            },
            {
                "name": "Pierre-Yves M.",
                "email": "pierre-yves.m@example.org",
                "website": "",
                "body": (
                    "Je confirme le point sur les petites listes : nos tests sur 400 abonnés ne "
                    "nous ont jamais rien appris de fiable."
                ),
                "replies": [],
            },
            {
                "name": "Sophie L.",
                "email": "sophie.l@example.org",
                "website": "",
                "body": (
                    "Et que pensez-vous des émojis dans l'objet ? Nos résultats sont très "
                    "variables d'un envoi à l'autre."
                ),
                "replies": [],
            },
        ],
    },
    {
        "slug": "newsletter-editoriale-trouver-sa-voix-et-la-garder",
        "title": "Newsletter éditoriale : trouver sa voix et la garder",
        "standfirst": (
            "Une newsletter éditoriale n'est pas un catalogue de liens. Elle fidélise parce "
            "qu'elle a une voix, reconnaissable d'un numéro à l'autre. Encore faut-il la définir, "
            "puis la tenir dans la durée."
        ),
        "body": """<p>On s'abonne rarement à une newsletter pour son seul contenu. Les mêmes
informations sont souvent disponibles ailleurs, sur le site de l'émetteur ou sur les réseaux
sociaux. Ce qui fait revenir un lecteur, numéro après numéro, c'est une manière de choisir, de
commenter et de s'adresser à lui. Autrement dit : une voix.</p>
<h2>Définir sa voix en quelques mots</h2>
<p>Avant de lancer une newsletter, ou pour en relancer une qui s'essouffle, un exercice simple
consiste à définir sa voix en trois adjectifs, puis à préciser pour chacun ce qu'il signifie et
ce qu'il exclut. « Chaleureuse, mais pas familière. Experte, mais pas jargonnante. Directe,
mais pas sèche. » Ces couples aident l'équipe à trancher les hésitations au moment de
l'écriture.</p>
<ul>
<li><strong>Tutoiement ou vouvoiement</strong> : un choix à faire une fois pour toutes, en
cohérence avec le reste de vos contenus.</li>
<li><strong>La signature</strong> : une personne identifiée, une équipe ou le nom de
l'organisation ; chaque option crée une relation différente.</li>
<li><strong>L'humour</strong> : bienvenu s'il est naturel pour l'équipe, risqué s'il est
forcé.</li>
<li><strong>La place de l'opinion</strong> : la newsletter commente-t-elle l'actualité ou se
contente-t-elle de la relayer ?</li>
</ul>
<h2>Une structure qui rassure</h2>
<p>La voix s'exprime d'autant mieux que la structure est stable. Les lecteurs apprécient de
retrouver les mêmes rubriques, dans le même ordre : un éditorial court, une sélection
commentée, une ressource pratique, un mot de la fin. Cette régularité leur permet de lire vite
ce qui les intéresse et crée un rendez-vous. Rien n'empêche de bousculer la formule de temps à
autre, justement parce qu'elle est connue.</p>
<h2>Tenir dans la durée</h2>
<p>Le plus difficile n'est pas de lancer une newsletter, mais de la maintenir au même niveau
pendant des mois. La fatigue guette, les délais se resserrent, et la tentation est grande de
remplir les rubriques avec ce qui est disponible plutôt qu'avec ce qui est pertinent. Quelques
pratiques aident à tenir :</p>
<ol>
<li>Constituer au fil de l'eau une réserve d'idées, de liens et de sujets.</li>
<li>Préparer le squelette du numéro plusieurs jours avant l'envoi.</li>
<li>Confier systématiquement la relecture à une autre personne que l'auteur.</li>
<li>Accepter de sauter un numéro plutôt que d'en envoyer un médiocre, en prévenant les
abonnés.</li>
</ol>
<h2>Écrire la voix noir sur blanc</h2>
<p>Lorsque plusieurs personnes écrivent la newsletter, la voix doit être documentée. Quelques
lignes dans la charte éditoriale suffisent : les trois adjectifs, des exemples de formulations
à privilégier et à éviter, les conventions typographiques, les expressions maison. Ce document
évite que chaque numéro change de ton selon son auteur, et il facilite l'arrivée de nouveaux
rédacteurs.</p>
<p>Enfin, écoutez vos abonnés. Les réponses qu'ils envoient, même brèves, disent beaucoup de la
relation que la newsletter a construite. Une lettre à laquelle on répond comme on répondrait à
une personne a trouvé sa voix.</p>""",
        "category": "newsletters",
        "tags": ["newsletter", "ton éditorial", "charte éditoriale", "relecture"],
        "authors": ["claire-vasseur", "julien-marchal"],
        "days_ago": 276,
        "featured": False,
        "comments": [],
    },
    {
        "slug": "a-quoi-sert-vraiment-une-charte-editoriale",
        "title": "À quoi sert vraiment une charte éditoriale ?",
        "standfirst": (
            "Souvent rédigée puis oubliée dans un dossier partagé, la charte éditoriale peut "
            "devenir un véritable outil de travail. À condition qu'elle soit courte, concrète et "
            "régulièrement mise à jour."
        ),
        "body": """<p>Presque toutes les organisations qui publient régulièrement ont, quelque
part, une charte éditoriale. Et presque toutes reconnaissent qu'elle est peu consultée. Le
document a été rédigé lors de la refonte du site, validé par plusieurs services, puis rangé.
Deux ans plus tard, les nouveaux rédacteurs ignorent son existence et chacun écrit à sa
manière.</p>
<p>Ce destin n'est pas une fatalité. Une charte utile ressemble moins à un règlement qu'à un
aide-mémoire que l'on garde ouvert pendant qu'on écrit.</p>
<h2>Ce qu'une charte doit contenir</h2>
<ul>
<li><strong>Les publics</strong> : à qui s'adresse-t-on, avec quelles attentes et quel niveau
de connaissance ?</li>
<li><strong>La ligne éditoriale</strong> : les sujets que l'on traite, ceux que l'on
s'interdit, et pourquoi.</li>
<li><strong>Le ton</strong> : quelques principes illustrés par des exemples de phrases, à
imiter et à éviter.</li>
<li><strong>Les formats</strong> : longueurs indicatives, structure type d'un article, usage
des titres, chapôs et intertitres.</li>
<li><strong>Les conventions</strong> : typographie, écriture des nombres et des dates, sigles,
féminisation des noms de métiers.</li>
<li><strong>Le circuit de validation</strong> : qui relit, qui valide, dans quels délais.</li>
</ul>
<h2>Des exemples plutôt que des principes</h2>
<p>La faiblesse de nombreuses chartes est de rester abstraites. « Notre ton est accessible et
bienveillant » ne dit pas grand-chose à un rédacteur face à sa page blanche. Une paire
d'exemples est bien plus parlante : « Votre demande a été transmise au service compétent »
devient « Nous avons transmis votre demande à l'équipe qui s'en occupe ». Chaque règle gagne à
être accompagnée d'un avant et d'un après.</p>
<p>C'est d'ailleurs la méthode de l'UX writing, qui documente les micro-textes d'une interface
sous forme de modèles : messages d'erreur, confirmations, boutons. Ces modèles peuvent figurer
dans la charte et rendre de grands services aux équipes produit.</p>
<h2>Une charte vivante</h2>
<p>Une charte n'est jamais terminée. Les usages évoluent, de nouveaux canaux apparaissent, des
questions surgissent que personne n'avait anticipées. Prévoyez un responsable, une date de
révision annuelle et un moyen simple de proposer des modifications. Une section « questions
fréquentes », alimentée par les doutes réels des rédacteurs, est souvent la partie la plus
consultée du document.</p>
<h2>La faire connaître et l'appliquer</h2>
<p>Une charte que personne n'a lue ne sert à rien. Présentez-la à chaque nouvelle recrue,
citez-la lors des relectures, résumez ses règles essentielles sur une seule page facile à
imprimer. Lors de la relecture d'un texte, renvoyer à une règle précise de la charte évite les
discussions de goût et rend les corrections plus faciles à accepter.</p>
<p>Pour vous donner un exemple concret, nous avons publié la
<a href="/devenez-chroniqueur/charte/">charte éditoriale de ce blog</a>,
destinée aux auteurs invités. Elle tient en une page, et c'est volontaire.</p>
<p>Votre organisation dispose-t-elle d'une charte éditoriale ? Est-elle réellement utilisée au
quotidien ?</p>""",
        "category": "redaction-web",
        "tags": ["charte éditoriale", "relecture", "ton éditorial", "UX writing", "intertitres"],
        "authors": ["julien-marchal"],
        "days_ago": 88,
        "featured": False,
        "comments": [
            {
                "name": "Élise R.",
                "email": "elise.r@example.org",
                "website": "",
                "body": "Notre charte fait 48 pages. Je crois que tout est dit…",
                "replies": [
                    {
                        "name": "Julien M.",
                        "email": "julien.marchal@example.org",
                        "website": "https://example.org/equipe/julien-marchal",
                        "body": (
                            "Une idée : en extraire une version courte d'une page, et garder le "
                            "document complet comme référence. C'est souvent le premier pas vers "
                            "une charte réellement utilisée."
                        ),
                        "replies": [],
                    },
                ],
            },
            {
                "name": "Awa K.",
                "email": "awa.k@example.org",
                "website": "",
                "body": (
                    "La section « questions fréquentes » est une excellente idée. Ce sont "
                    "toujours les mêmes doutes qui reviennent : majuscules, sigles, nombres."
                ),
                "replies": [],
            },
            {
                "name": "Marc D.",
                "email": "marc.d@example.net",
                "website": "https://example.net/marc-d",
                "body": (
                    "Nous avons intégré la charte directement dans notre outil de rédaction, sous "
                    "forme de rappels. Elle est beaucoup plus consultée depuis."
                ),
                "replies": [],
            },
        ],
    },
]

PAGES = [
    {
        "slug": "a-propos",
        "title": "À propos",
        "body": """<p>Écrire pour le web est un blog indépendant consacré à la rédaction de
contenus numériques. Nous y publions des méthodes, des analyses et des retours d'expérience à
destination des professionnels de la communication, des rédacteurs, des chargés de contenus et
de toutes les personnes qui écrivent pour un site, une newsletter ou un réseau social.</p>
<h2>Notre démarche</h2>
<p>Nous sommes convaincus qu'un texte clair, précis et bien structuré sert à la fois ses
lecteurs, son auteur et l'organisation qui le publie. Plutôt que des recettes miracles, nous
proposons des principes éprouvés, des exemples concrets et des outils simples à mettre en
pratique dès le lendemain.</p>
<ul>
<li><strong>Rédaction web</strong> : titres, chapôs, intertitres et lisibilité.</li>
<li><strong>Référencement</strong> : un SEO éditorial au service des lecteurs.</li>
<li><strong>Réseaux sociaux</strong> : adapter et partager ses contenus sans les trahir.</li>
<li><strong>Newsletters</strong> : construire un rendez-vous que l'on attend.</li>
</ul>
<h2>L'équipe</h2>
<p>Le blog est animé par <strong>Claire Vasseur</strong>, rédactrice en chef et ancienne
journaliste de presse régionale, et par <strong>Julien Marchal</strong>, secrétaire de
rédaction et spécialiste du référencement éditorial. Ils sont rejoints régulièrement par des
auteurs invités, dont <strong>Nadia Benali</strong>, consultante en UX writing et en
accessibilité numérique, qui y tient une chronique.</p>
<h2>Écrire pour nous</h2>
<p>Vous souhaitez proposer une tribune ou partager une expérience ? Nous accueillons volontiers
les contributions extérieures. Prenez connaissance de notre
<a href="/devenez-chroniqueur/charte/">charte éditoriale</a>, puis répondez à notre
<a href="/devenez-chroniqueur/">appel à chroniques</a> : un formulaire, sans compte, où vous
joignez votre texte et dont vous suivez ensuite la relecture.</p>""",
    },
    {
        "slug": "charte-editoriale",
        "title": "Charte éditoriale",
        "body": """<p>Les auteurs invités d'Écrire pour le web s'engagent sur une charte
éditoriale : des textes inédits, des sources vérifiables, un ton direct et bienveillant, des
droits clairs sur les textes et les images. Elle est publiée, datée et versionnée sur la page
<a href="/devenez-chroniqueur/charte/">Charte éditoriale des auteurs invités</a> ; chaque
proposition garde la trace de la version que son auteur a acceptée.</p>
<h2>Proposer un article</h2>
<p>Les propositions passent par notre <a href="/devenez-chroniqueur/">appel à chroniques</a> :
un formulaire, sans compte, où vous présentez votre sujet et joignez votre texte. Vous suivez
ensuite sa relecture, et répondez à nos remarques, depuis un lien privé.</p>""",
    },
    {
        "slug": "mentions-legales",
        "title": "Mentions légales",
        "body": """<h2>Éditeur</h2>
<p>Le site Écrire pour le web est édité par les Éditions Ligne Claire, SAS au capital de 10 000
euros, 12 rue de l'Exemple, 75011 Paris. Directrice de la publication : Claire Vasseur.
Contact : contact@example.org.</p>
<h2>Hébergement</h2>
<p>Le site est hébergé par Exemple Hébergement, 1 avenue du Serveur, 69002 Lyon. Contact :
hebergement@example.net.</p>
<h2>Données personnelles</h2>
<p>Les adresses électroniques recueillies lors de l'inscription à la newsletter ou de la
publication d'un commentaire ne sont utilisées que pour ces finalités et ne sont jamais cédées
à des tiers. Vous pouvez exercer vos droits d'accès, de rectification et de suppression en
écrivant à donnees@example.org.</p>
<h2>Propriété intellectuelle</h2>
<p>Sauf mention contraire, les textes publiés sur ce site sont la propriété de leurs auteurs.
Toute reproduction intégrale nécessite une autorisation préalable ; les courtes citations sont
autorisées avec mention de la source et un lien vers l'article.</p>""",
    },
]

# The first version of the charter applicants accept (contributors.CharterVersion).
CHARTER = {
    "title": "Charte éditoriale des auteurs invités",
    "body": """<p>Cette charte réunit les règles que la rédaction d'Écrire pour le web s'applique
à elle-même et demande à chaque auteur invité. En proposant un texte, vous acceptez la version
affichée sur cette page ; si elle change, les propositions déjà envoyées restent liées à la
version que leur auteur a acceptée.</p>
<h2>Écrire pour le web</h2>
<ul>
<li>Un titre explicite, qui dit ce que le lecteur va apprendre, et un chapô de deux ou trois
phrases qui résume l'essentiel.</li>
<li>Des intertitres informatifs tous les trois ou quatre paragraphes : on doit pouvoir
parcourir l'article en ne lisant qu'eux.</li>
<li>Des paragraphes courts, une idée chacun, et des listes quand une énumération s'y
prête.</li>
<li>Des liens dont le texte dit où ils mènent, jamais « cliquez ici » ; les sigles développés
à leur première apparition.</li>
<li>Entre 800 et 1 800 mots. Au-delà, parlons-en : une série vaut parfois mieux qu'un long
article.</li>
</ul>
<h2>Sources et exactitude</h2>
<p>Chiffres, études et citations sont sourcés, avec un lien quand la source est en ligne, de
préférence vers le document d'origine plutôt que vers un article qui le reprend. Les exemples
tirés de votre expérience sont les bienvenus ; ne nommez un client ou un employeur qu'avec son
accord. La rédaction vérifie les informations avant publication et peut vous demander vos
références.</p>
<h2>Originalité</h2>
<p>Le texte est inédit : il n'a paru ni sur votre site, ni sur un réseau social, ni dans une
autre publication. Trois mois après sa parution chez nous, vous pouvez le reprendre ailleurs
en citant sa première publication par un lien. Si un outil d'écriture automatique vous a aidé
à le rédiger ou à le traduire, dites-le-nous en le proposant.</p>
<h2>Ton</h2>
<p>Nous écrivons pour des professionnels pressés : un ton direct, précis et bienveillant, qui
explique plutôt qu'il n'assène. La critique argumentée d'une pratique, d'un outil ou d'un texte
publié est bienvenue ; les attaques personnelles et le dénigrement ne le sont pas. Un article ne
fait la promotion d'aucun produit ni de vos propres services : votre biographie et le lien vers
votre site figurent sur votre page d'auteur.</p>
<h2>Droits</h2>
<ul>
<li>Vous restez l'auteur de votre texte. En le proposant, vous nous autorisez à le publier sur
le blog et à le citer dans sa newsletter, et à en retoucher la forme.</li>
<li>Aucune modification de fond (thèse, chiffres, exemples) n'est publiée sans votre accord :
vous relisez la version finale avant sa mise en ligne.</li>
<li>Vous garantissez détenir les droits des images, captures et schémas que vous fournissez et
en indiquez le crédit ; chacun est accompagné d'un texte alternatif.</li>
<li>Vous pouvez nous demander à tout moment de retirer votre article.</li>
</ul>
<h2>Relecture et publication</h2>
<p>La rédaction relit chaque proposition, peut demander des modifications et choisit la date
de publication. Une proposition acceptée devient un brouillon d'article que nous finalisons avec
vous ; nous vous écrivons dès qu'il est en ligne.</p>""",
}

SUBSCRIBERS = [
    "lectrice1@example.org",
    "lecteur2@example.org",
    "camille.redaction@example.net",
    "com.interne@example.org",
    "atelier.mots@example.net",
    "veille.contenus@example.org",
]

ABOUT_BLURB = (
    "Écrire pour le web est le magazine des professionnels de la communication qui veulent "
    "publier des contenus clairs, utiles et bien référencés. Méthodes, analyses et retours "
    "d'expérience, chaque semaine."
)
