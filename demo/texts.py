"""The invented projects of the demo's entries, in English and French. Every text says it
is a demonstration, so no page built from them can be taken for a real application."""

from dataclasses import dataclass

from prize.defaults import DEFAULT_CRITERIA

NOTE_EN = "Demonstration entry: an invented project of an invented authority."
NOTE_FR = "Candidature de démonstration : un projet inventé d’une collectivité inventée."


@dataclass(frozen=True)
class Project:
    en: str
    fr: str
    topic_en: str
    topic_fr: str


PROJECTS = (
    Project("Homework club in the Romani neighbourhood", "Club de devoirs dans le quartier rom",
            "tutoring for Roma pupils with Romani-speaking mentors",
            "du soutien scolaire pour les élèves roms avec des tuteurs parlant le romani"),
    Project("Health mediators at the district clinics", "Médiatrices de santé dans les centres "
            "de quartier", "Roma health mediators who accompany families to the clinics",
            "des médiatrices de santé roms qui accompagnent les familles"),
    Project("Open school days with Romani music", "Journées portes ouvertes en musique romani",
            "open days where Roma and non-Roma families meet at school",
            "des journées où familles roms et non roms se rencontrent à l’école"),
    Project("Job coaching for young Roma", "Accompagnement vers l’emploi des jeunes Roms",
            "coaching and paid traineeships with local employers",
            "un accompagnement et des stages rémunérés chez des employeurs locaux"),
    Project("A renewed site with the Travellers", "Une aire d’accueil rénovée avec les Gens du "
            "voyage", "a halting site redesigned together with the families who use it",
            "une aire d’accueil repensée avec les familles qui l’utilisent"),
    Project("Roma history in the regional museum", "L’histoire des Roms au musée régional",
            "an exhibition on local Roma history curated with Roma elders",
            "une exposition sur l’histoire locale des Roms conçue avec des anciens roms"),
    Project("Housing repair cooperative", "Coopérative de rénovation de logements",
            "a cooperative in which residents repair their own homes",
            "une coopérative où les habitants rénovent eux-mêmes leurs logements"),
    Project("Romani story hour at the library", "Heure du conte en romani à la bibliothèque",
            "weekly story hours in Romani and the national language",
            "des heures du conte hebdomadaires en romani et dans la langue nationale"),
)  # fmt: skip


def title(project: Project) -> dict:
    return {"en": project.en, "fr": project.fr}


def fields(project: Project, *, language: str, project_start, project_end) -> dict:
    """Every field an entry needs to be submitted, as `entry_update` takes them."""
    if language == "fr":
        summary = f"{NOTE_FR} La commune a mis en place {project.topic_fr}."
        description = (
            f"{NOTE_FR}\n\nLe projet « {project.fr} » a été préparé avec les associations "
            "roms locales, qui siègent à son comité de pilotage."
        )
        texts = {
            "funding": "Budget communal (démonstration) et fonds régionaux (démonstration).",
            "participation": "Des habitants roms ont conçu et conduit le projet (démonstration).",
            "results": "Résultats inventés pour la démonstration : 120 familles concernées.",
        }
        statement = "Texte de démonstration pour ce critère."
    else:
        summary = f"{NOTE_EN} The authority set up {project.topic_en}."
        description = (
            f"{NOTE_EN}\n\nThe project “{project.en}” was prepared with the local Roma "
            "associations, who sit on its steering committee."
        )
        texts = {
            "funding": "The authority's budget (demo) and a regional fund (demo).",
            "participation": "Roma residents designed and ran the project (demo).",
            "results": "Invented results for the demonstration: 120 families took part.",
        }
        statement = "Demonstration text for this criterion."
    return {
        "language": language,
        "title": title(project),
        "summary": {language: summary},
        "description": {language: description},
        "project_start": project_start,
        "project_end": project_end,
        "budget": 48000,
        "partners": [{"name": "Demo Roma Association", "roma": True}],
        "statements": {c["code"]: statement for c in DEFAULT_CRITERIA},
        "consent_publication": True,
        **texts,
    }


def jury_statement(project: Project) -> dict:
    return {
        "en": f"Demonstration statement: the jury praised “{project.en}” for involving Roma "
        "residents from the start.",
        "fr": f"Déclaration de démonstration : le jury a salué « {project.fr} », qui associe "
        "les habitants roms dès le départ.",
    }
