"""The one way in and out: every file dcmm reads or writes passes through this package.

Its names load on first use (dcmm.lazy): the command line passes through this package on every run,
and most runs read no answer file or questionnaire.
"""

from typing import TYPE_CHECKING

from dcmm.lazy import lazy_exports

if TYPE_CHECKING:
    from dcmm.core.errors import Problem, UserError
    from dcmm.files.answers import (
        AnswerInput,
        answers_from_bytes,
        parse_answer_file,
        read_answer_file,
        read_answers,
    )
    from dcmm.files.questionnaires import available_editions, load_edition, load_questionnaire, load_questionnaire_dir
    from dcmm.files.resources import data_dir
    from dcmm.files.writing import check_output, write_atomically, write_atomically_with
    from dcmm.files.yaml_source import (
        Location,
        duplicate_key_problems,
        field_path,
        line_of,
        read_yaml,
        validation_problems,
    )
else:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "AnswerInput": "dcmm.files.answers",
            "Location": "dcmm.files.yaml_source",
            "Problem": "dcmm.core.errors",
            "UserError": "dcmm.core.errors",
            "answers_from_bytes": "dcmm.files.answers",
            "available_editions": "dcmm.files.questionnaires",
            "check_output": "dcmm.files.writing",
            "data_dir": "dcmm.files.resources",
            "duplicate_key_problems": "dcmm.files.yaml_source",
            "field_path": "dcmm.files.yaml_source",
            "line_of": "dcmm.files.yaml_source",
            "load_edition": "dcmm.files.questionnaires",
            "load_questionnaire": "dcmm.files.questionnaires",
            "load_questionnaire_dir": "dcmm.files.questionnaires",
            "parse_answer_file": "dcmm.files.answers",
            "read_answer_file": "dcmm.files.answers",
            "read_answers": "dcmm.files.answers",
            "read_yaml": "dcmm.files.yaml_source",
            "validation_problems": "dcmm.files.yaml_source",
            "write_atomically": "dcmm.files.writing",
            "write_atomically_with": "dcmm.files.writing",
        },
    )

__all__ = [
    "AnswerInput",
    "Location",
    "Problem",
    "UserError",
    "answers_from_bytes",
    "available_editions",
    "check_output",
    "data_dir",
    "duplicate_key_problems",
    "field_path",
    "line_of",
    "load_edition",
    "load_questionnaire",
    "load_questionnaire_dir",
    "parse_answer_file",
    "read_answer_file",
    "read_answers",
    "read_yaml",
    "validation_problems",
    "write_atomically",
    "write_atomically_with",
]
