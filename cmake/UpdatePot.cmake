# Run by the update-pot target (see Catalog.cmake and docs/translating.md):
#   1. extracts every tr()/trf()/N_() string under SOURCES_DIR into LOCALE_DIR/spawn.pot;
#   2. rebuilds LOCALE_DIR/en.po from it (English: each msgstr is its msgid);
#   3. merges the template into every other LOCALE_DIR/*.po, keeping their translations.
foreach(tool XGETTEXT MSGMERGE MSGINIT MSGCONV)
  if(NOT ${tool})
    message(FATAL_ERROR "update-pot needs GNU gettext's tools (apt-get install gettext)")
  endif()
endforeach()
string(REPLACE "," ";" options "${XGETTEXT_OPTIONS}")
file(GLOB_RECURSE sources RELATIVE "${SOURCES_DIR}" "${SOURCES_DIR}/*.cpp" "${SOURCES_DIR}/*.hpp")
list(SORT sources)
set(pot "${LOCALE_DIR}/spawn.pot")

execute_process(COMMAND ${XGETTEXT} ${options} -o ${pot} ${sources}
                WORKING_DIRECTORY "${SOURCES_DIR}" COMMAND_ERROR_IS_FATAL ANY)

execute_process(COMMAND ${MSGINIT} --no-translator -l en -i ${pot} -o -
                COMMAND ${MSGCONV} --to-code=UTF-8 -o "${LOCALE_DIR}/en.po"
                COMMAND_ERROR_IS_FATAL ANY)

file(GLOB po_files "${LOCALE_DIR}/*.po")
list(REMOVE_ITEM po_files "${LOCALE_DIR}/en.po")
foreach(po IN LISTS po_files)
  execute_process(COMMAND ${MSGMERGE} --quiet --update --backup=none ${po} ${pot}
                  COMMAND_ERROR_IS_FATAL ANY)
endforeach()
