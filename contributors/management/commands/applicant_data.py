import json

from django.core.management.base import BaseCommand

from contributors.privacy import applicant_data_erase, applicant_data_export


class Command(BaseCommand):
    help = "Export (JSON on standard output) or erase an applicant's data, by e-mail address."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")

    def handle(self, *args, action, email, **options):
        if action == "export":
            data = applicant_data_export(email=email)
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            erased = applicant_data_erase(email=email)
            self.stdout.write(
                f"{erased.submissions} submission(s) and {erased.task_results} task result(s) "
                f"erased for {email}."
            )
