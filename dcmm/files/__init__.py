"""The one way in and out: every file dcmm reads or writes passes through this package."""

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
